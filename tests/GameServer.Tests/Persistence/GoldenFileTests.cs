using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence;

/// <summary>
/// Every save format version keeps a small real file here, loaded by a test forever after: a reader
/// change that breaks old saves fails this, whatever the writer does today.
/// </summary>
public class GoldenFileTests
{
    private static string GoldenPath(string name) => Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden", name);

    [Test]
    public void Version_1_golden_save_still_loads_with_its_exact_values()
    {
        using var file = SavePaths.Open(GoldenPath("v1-small.gsav"));
        Assert.That(file.FormatVersion, Is.EqualTo(1));
        Assert.That(file.Header.WorldName, Is.EqualTo("golden"));
        Assert.That(file.Header.Tick, Is.EqualTo(42));
        Assert.That(file.Header.CapturedAtUtc, Is.EqualTo(new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc)));

        using var snapshot = file.ReadSnapshot();
        using var expected = TestWorlds.FullCopy(GoldenWorld());
        TestWorlds.AssertSameBytes(expected, snapshot, "golden v1");
        var world = new GameWorld(TestWorlds.Schema());
        world.Restore(snapshot);
        Assert.That(world.GetBlobColumn("name").GetString(3), Is.EqualTo("npc-3-é"));
    }

    [Test]
    public void Version_1_golden_save_predates_save_ids_and_the_inspector_shows_none()
    {
        using var file = SavePaths.Open(GoldenPath("v1-small.gsav"));
        Assert.That(file.Header.SaveId, Is.EqualTo(Guid.Empty));

        var text = Inspector.Inspect.Run("info", GoldenPath("v1-small.gsav"));
        Assert.That(text.Exit, Is.Zero, text.ToString());
        Assert.That(text.Out, Does.Match(@"(?m)^id\s+none\s*$"));
        var json = Inspector.Inspect.Run("info", GoldenPath("v1-small.gsav"), "--json").Json();
        Assert.That(json.GetProperty("saveId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    /// <summary>Rewrites the golden file; run by hand only when a new format version is added (then add a new file, never replace an old one).</summary>
    [Test]
    [Explicit("writes the golden file into the source tree")]
    public void Regenerate_version_1_golden_save()
    {
        var sourceFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Persistence/Golden"));
        Assert.That(new SnapshotPool(1).TryCapture(GoldenWorld(), new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc), out var snapshot), Is.True);
        using var encoder = new SnapshotEncoder();
        var temp = Path.Combine(sourceFolder, "tmp");
        var store = new LocalFolderStore(temp);
        new SaveWriter(store, 0).WriteAsync(encoder.Encode(snapshot, "golden", "manual", "golden"), "golden.gsav").GetAwaiter().GetResult();
        File.Move(store.LocationOf("golden.gsav"), Path.Combine(sourceFolder, "v1-small.gsav"), overwrite: true);
        Directory.Delete(temp);
        snapshot.Dispose();
    }

    private static GameWorld GoldenWorld()
    {
        var world = TestWorlds.Populated(50, seed: 2026);
        for (var i = 0; i < 42; i++) world.AdvanceTick();
        world.Despawn(world.Ids[10]);
        world.GetBlobColumn("inventory").Set(0, [9, 8, 7]);
        return world;
    }
}
