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

    [Test]
    public void Version_2_golden_chain_of_a_full_save_and_two_deltas_loads_with_its_exact_values()
    {
        using (var newest = SavePaths.Open(GoldenPath("v2-chain/" + GoldenChain[2])))
        {
            Assert.That(newest.FormatVersion, Is.EqualTo(2));
            Assert.That(newest.Header.ChainIndex, Is.EqualTo(2));
            Assert.That(newest.Header.BaseFileName, Is.EqualTo(GoldenChain[1]));
        }

        for (var step = 0; step < GoldenChain.Length; step++)
        {
            using var snapshot = SavePaths.Load(GoldenPath("v2-chain/" + GoldenChain[step]));
            using var expected = TestWorlds.FullCopy(GoldenChainWorld(step));
            TestWorlds.AssertSameBytes(expected, snapshot, $"golden v2 chain, link {step}");
        }

        using var last = SavePaths.Load(GoldenPath("v2-chain/" + GoldenChain[2]));
        var world = new GameWorld(TestWorlds.Schema());
        world.Restore(last);
        Assert.That(world.Tick, Is.EqualTo(44));
        Assert.That(world.Count, Is.EqualTo(51));
        Assert.That(world.GetColumn<float>("x")[5], Is.EqualTo(123.5f));
        Assert.That(world.GetColumn<int>("hp")[7], Is.EqualTo(77));
        Assert.That(world.GetBlobColumn("name").GetString(3), Is.EqualTo("delta-one"));
        Assert.That(world.GetBlobColumn("inventory").Get(0).ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
    }

    /// <summary>Writes the v2 golden chain; run by hand only once (a later format version adds its own files).</summary>
    [Test]
    [Explicit("writes the golden files into the source tree")]
    public void Regenerate_version_2_golden_chain()
    {
        var sourceFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Persistence/Golden"));
        var temp = Path.Combine(sourceFolder, "tmp");
        var store = new LocalFolderStore(temp);
        var deltaBase = new GameServer.Persistence.Delta.DeltaBase();
        using var encoder = new SnapshotEncoder();
        var pool = new SnapshotPool(1);
        for (var step = 0; step < GoldenChain.Length; step++)
        {
            var world = GoldenChainWorld(step);
            Assert.That(pool.TryCapture(world, GoldenChainTime(step), out var snapshot), Is.True);
            var encoded = step == 0 ? encoder.Encode(snapshot, "golden", "auto", "") : encoder.EncodeDelta(snapshot, deltaBase, "golden", "auto", "");
            new SaveWriter(store, 0).WriteAsync(encoded, GoldenChain[step]).GetAwaiter().GetResult();
            deltaBase.Commit(snapshot, encoded, GoldenChain[step]);
            snapshot.Dispose();
            File.Move(store.LocationOf(GoldenChain[step]), Path.Combine(sourceFolder, "v2-chain", GoldenChain[step]), overwrite: true);
        }

        Directory.Delete(temp);
    }

    private static readonly string[] GoldenChain =
    [
        GameServer.Persistence.Storage.SaveNames.Auto(GoldenChainTime(0), 42),
        GameServer.Persistence.Storage.SaveNames.Auto(GoldenChainTime(1), 43),
        GameServer.Persistence.Storage.SaveNames.Auto(GoldenChainTime(2), 44),
    ];

    private static DateTime GoldenChainTime(int step) => new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc).AddSeconds(step);

    // The world of link 0 (full), 1 (spawns, a scattered write, a longer name) and 2 (a despawn, a blob, an hp).
    private static GameWorld GoldenChainWorld(int step)
    {
        var world = GoldenWorld();
        if (step >= 1)
        {
            for (var i = 0; i < 3; i++) world.Spawn();
            world.GetColumn<float>("x").Set(5, 123.5f);
            world.GetBlobColumn("name").SetString(3, "delta-one");
            world.AdvanceTick();
        }

        if (step >= 2)
        {
            world.Despawn(world.Ids[20]);
            world.GetBlobColumn("inventory").Set(0, [1, 2, 3, 4]);
            world.GetColumn<int>("hp").Set(7, 77);
            world.AdvanceTick();
        }

        return world;
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
