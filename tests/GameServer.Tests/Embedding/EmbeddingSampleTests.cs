using System.Text.RegularExpressions;
using GameServer.Tests.Support;

namespace GameServer.Tests.Embedding;

public class EmbeddingSampleTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Readme_sample_saves_and_the_next_run_resumes_from_that_save()
    {
        using var folder = new TempFolder();
        var first = await EmbeddingSample.RunAsync(folder.Path, ticks: 30);
        Assert.That(first.Succeeded, Is.True, first.Error);
        Assert.That(first.Tick, Is.EqualTo(30));

        var second = await EmbeddingSample.RunAsync(folder.Path, ticks: 5);
        Assert.That(second.Tick, Is.EqualTo(35), "resumed at the saved tick");
        Assert.That(SavePaths.List(Path.GetDirectoryName(second.Location)!), Has.Count.EqualTo(2));
    }

    [Test]
    public void Readme_quotes_the_sample_as_compiled()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "GameServer.sln"))) root = Path.GetDirectoryName(root) ?? throw new AssertionException("repository root not found");
        var source = File.ReadAllText(Path.Combine(root, "tests/GameServer.Tests/Embedding/EmbeddingSample.cs"));
        var sample = Regex.Match(source, "// begin-sample\n(.*?)\n\\s*// end-sample", RegexOptions.Singleline).Groups[1].Value;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        foreach (var line in sample.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            Assert.That(readme, Does.Contain(line), "README embedding sample is out of date");
    }
}
