using GameServer.Fuzz;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// Replays the fuzz corpus (the seeds, and every input that ever crashed or hung the harness under afl++) through the
/// harness's own entry point: each must decode or raise only <c>SaveFormatException</c>, and finish.
/// </summary>
[CancelAfter(300_000)]
public class FuzzCorpusReplayTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Persistence", "Corruption", "FuzzCorpus");

    private static IEnumerable<string> Inputs() =>
        Directory.EnumerateFiles(Corpus, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Corpus, f))
            .Where(f => !f.StartsWith("open", StringComparison.Ordinal)) // still crash the process: FuzzCorpus/README.md
            .Order(StringComparer.Ordinal);

    [Test]
    public void The_corpus_holds_the_seeds_and_the_seeds_decode()
    {
        var seeds = Inputs().Where(f => f.StartsWith("seeds", StringComparison.Ordinal)).ToList();
        Assert.That(seeds, Has.Count.GreaterThanOrEqualTo(4));
        foreach (var seed in seeds.Where(s => !s.Contains("delta", StringComparison.Ordinal)))
            Assert.That(SaveDecoderFuzzTarget.Run(File.ReadAllBytes(Path.Combine(Corpus, seed))), Is.True, seed);
    }

    [TestCaseSource(nameof(Inputs))]
    public void Every_corpus_input_decodes_or_raises_only_the_typed_error(string input)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus, input));

        // An input that once hung the harness must finish now: run it aside and give up waiting after a minute.
        var run = Task.Run(() => SaveDecoderFuzzTarget.Run(bytes));
        Assert.That(run.Wait(TimeSpan.FromMinutes(1)), Is.True, $"{input} did not finish (hang)");
    }
}
