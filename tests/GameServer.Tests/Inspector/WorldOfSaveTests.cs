using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Inspector;

/// <summary>The inspector says which world a save belongs to, and where it stands in that world's history.</summary>
public class WorldOfSaveTests
{
    [Test]
    public void Info_shows_the_world_name_id_and_sequence()
    {
        using var root = new TempFolder();
        var path = Save(root.Path, "alpha");
        Save(root.Path, "alpha");
        using var file = SavePaths.Open(path);

        var result = Inspect.Run("info", path);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Match($@"world\s+'alpha' \({file.Header.WorldId}\)"));
        Assert.That(result.Out, Does.Match(@"sequence\s+1\b"));
    }

    [Test]
    public void List_names_the_world_a_copied_in_save_belongs_to()
    {
        using var root = new TempFolder();
        Save(root.Path, "beta");
        var foreign = Save(root.Path, "alpha");
        File.Copy(foreign, Path.Combine(root.Path, "beta", "manual-copied-20261125T130000000Z-t0000000001.gsav"));
        using var file = SavePaths.Open(foreign);

        var result = Inspect.Run("list", Path.Combine(root.Path, "beta"));

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3), result.Out);
        Assert.That(lines.Count(l => l.EndsWith("ok", StringComparison.Ordinal)), Is.EqualTo(1), "beta's own save");
        Assert.That(lines.Single(l => l.Contains($"world 'alpha' ({file.Header.WorldId})", StringComparison.Ordinal)), Does.Contain("not to this world 'beta'"));
    }

    private static string Save(string root, string world)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var options = new AutosaveOptions { WorldName = world, Interval = TimeSpan.FromHours(1) };
        using var service = new AutosaveService(options, new SnapshotPool(1), new LocalFolderStore(Path.Combine(root, world)), time);
        var result = service.SaveAndWait(TestWorlds.Populated(50), SaveKind.Manual, null, SaveFixture.Timeout);
        Assert.That(result.Succeeded, Is.True, result.Error);
        return result.Location!;
    }
}
