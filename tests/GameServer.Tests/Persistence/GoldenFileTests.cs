using GameServer.Persistence.Format;
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
        new SaveWriter(store, 0).WriteAsync(encoder.PrepareFull(snapshot, "golden", "manual", "golden"), "golden.gsav").GetAwaiter().GetResult();
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

    [Test]
    public void Version_3_golden_chain_of_a_full_save_and_a_delta_loads_with_its_exact_values()
    {
        using (var full = SavePaths.Open(GoldenPath("v3-chain/" + GoldenChain[0])))
        using (var delta = SavePaths.Open(GoldenPath("v3-chain/" + GoldenChain[1])))
        {
            Assert.That(full.FormatVersion, Is.EqualTo(3));
            Assert.That(full.DataOffset, Is.EqualTo(SaveFormat.PreambleBytes), "the data first, the header after it");
            Assert.That(delta.FormatVersion, Is.EqualTo(3));
            Assert.That(delta.Header.ChainIndex, Is.EqualTo(1));
            Assert.That(delta.Header.BaseFileName, Is.EqualTo(GoldenChain[0]));
            Assert.That(delta.Header.BaseSaveId, Is.EqualTo(full.Header.SaveId));
        }

        for (var step = 0; step < 2; step++)
        {
            using var snapshot = SavePaths.Load(GoldenPath("v3-chain/" + GoldenChain[step]));
            using var expected = TestWorlds.FullCopy(GoldenChainWorld(step));
            TestWorlds.AssertSameBytes(expected, snapshot, $"golden v3 chain, link {step}");
        }

        using var last = SavePaths.Load(GoldenPath("v3-chain/" + GoldenChain[1]));
        var world = new GameWorld(TestWorlds.Schema());
        world.Restore(last);
        Assert.That(world.Tick, Is.EqualTo(43));
        Assert.That(world.Count, Is.EqualTo(52));
        Assert.That(world.GetColumn<float>("x")[5], Is.EqualTo(123.5f));
        Assert.That(world.GetBlobColumn("name").GetString(3), Is.EqualTo("delta-one"));
        Assert.That(world.GetBlobColumn("inventory").Get(0).ToArray(), Is.EqualTo(new byte[] { 9, 8, 7 }));
    }

    // A server upgraded mid-chain: its v2 chain's next delta is written as v3 (and a v3 base may carry older deltas
    // after a restore): each link is read in its own layout. The v2 golden links, rewritten as v3 with the same header
    // and data, stand in for the upgraded writer's files.
    [TestCase(0, TestName = "A_chain_of_a_v3_full_save_and_v2_deltas_loads_with_the_golden_values")]
    [TestCase(2, TestName = "A_chain_of_v2_saves_and_a_v3_delta_loads_with_the_golden_values")]
    public void A_chain_mixing_format_2_and_3_links_loads_with_the_golden_values(int rewrittenLink)
    {
        using var folder = new TempFolder();
        foreach (var name in GoldenChain) File.Copy(GoldenPath("v2-chain/" + name), folder.File(name));
        var path = folder.File(GoldenChain[rewrittenLink]);
        var (header, data) = SaveSurgery.Split(File.ReadAllBytes(path));
        File.WriteAllBytes(path, SaveSurgery.Build(header, data));

        using (var rewritten = SavePaths.Open(path)) Assert.That(rewritten.FormatVersion, Is.EqualTo(3));
        using (var other = SavePaths.Open(folder.File(GoldenChain[2 - rewrittenLink]))) Assert.That(other.FormatVersion, Is.EqualTo(2));
        using var snapshot = SavePaths.Load(folder.File(GoldenChain[2]));
        using var expected = TestWorlds.FullCopy(GoldenChainWorld(2));
        TestWorlds.AssertSameBytes(expected, snapshot, "mixed v2/v3 chain");
    }

    /// <summary>
    /// Writes the v3 golden chain (a full save and a delta); run by hand only once. The v2 chain was written the same
    /// way by the format-2 writer, which no longer exists: old golden files are never rewritten.
    /// </summary>
    [Test]
    [Explicit("writes the golden files into the source tree")]
    public void Regenerate_version_3_golden_chain()
    {
        var sourceFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Persistence/Golden"));
        var temp = Path.Combine(sourceFolder, "tmp");
        var store = new LocalFolderStore(temp);
        var deltaBase = new GameServer.Persistence.Delta.DeltaBase();
        using var encoder = new SnapshotEncoder();
        var pool = new SnapshotPool(1);
        Directory.CreateDirectory(Path.Combine(sourceFolder, "v3-chain"));
        var world = GoldenChainWorld(0);
        for (var step = 0; step < 2; step++)
        {
            if (step > 0) ApplyGoldenChainStep(world, step); // one world, captured again: the capture records the difference
            Assert.That(pool.TryCapture(world, GoldenChainTime(step), out var snapshot), Is.True);
            var pending = step == 0 ? encoder.PrepareFull(snapshot, "golden", "auto", "") : encoder.PrepareDelta(snapshot, deltaBase, "golden", "auto", "");
            var encoded = new SaveWriter(store, 0).WriteAsync(pending, GoldenChain[step]).GetAwaiter().GetResult();
            deltaBase.Commit(snapshot, encoded, GoldenChain[step]);
            snapshot.Dispose();
            File.Move(store.LocationOf(GoldenChain[step]), Path.Combine(sourceFolder, "v3-chain", GoldenChain[step]), overwrite: true);
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
        for (var link = 1; link <= step; link++) ApplyGoldenChainStep(world, link);
        return world;
    }

    private static void ApplyGoldenChainStep(GameWorld world, int step)
    {
        if (step == 1)
        {
            for (var i = 0; i < 3; i++) world.Spawn();
            world.GetColumn<float>("x").Set(5, 123.5f);
            world.GetBlobColumn("name").SetString(3, "delta-one");
            world.AdvanceTick();
        }

        if (step == 2)
        {
            world.Despawn(world.Ids[20]);
            world.GetBlobColumn("inventory").Set(0, [1, 2, 3, 4]);
            world.GetColumn<int>("hp").Set(7, 77);
            world.AdvanceTick();
        }
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
