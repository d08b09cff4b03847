using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Delta;

/// <summary>Loading chains whose links are damaged, missing or replaced: the newest intact prefix wins, the rest is named.</summary>
public class DeltaChainLoadTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    [CancelAfter(60_000)]
    public void Load_latest_returns_the_newest_intact_prefix_when_a_delta_mid_chain_is_damaged()
    {
        using var temp = new TempFolder();
        var (names, worlds) = WriteChain(temp.Path, saves: 5);
        Damage(Path.Combine(temp.Path, names[2]));

        var result = SavePaths.LoadLatest(temp.Path);

        Assert.That(result.Entry!.FileName, Is.EqualTo(names[1]));
        using (var snapshot = result.Snapshot!) TestWorlds.AssertSameBytes(worlds[1], snapshot, "newest intact prefix");
        Assert.That(result.Skipped.Select(s => Path.GetFileName(s.Location)), Is.EqualTo(new[] { names[4], names[3], names[2] }));
        Assert.That(result.Skipped[0].Reason, Does.Contain($"chain is broken at {names[2]}").And.Contain("checksum"));
        Assert.That(result.Skipped[2].Reason, Does.Contain("checksum"));
        Assert.That(Directory.GetFiles(temp.Path, "*.gsav"), Has.Length.EqualTo(5), "nothing is renamed or deleted");
        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    [CancelAfter(60_000)]
    public void A_missing_delta_breaks_only_the_saves_after_it()
    {
        using var temp = new TempFolder();
        var (names, worlds) = WriteChain(temp.Path, saves: 4);
        File.Delete(Path.Combine(temp.Path, names[2]));

        var result = SavePaths.LoadLatest(temp.Path);

        Assert.That(result.Entry!.FileName, Is.EqualTo(names[1]));
        using (var snapshot = result.Snapshot!) TestWorlds.AssertSameBytes(worlds[1], snapshot, "before the missing delta");
        Assert.That(result.Skipped, Has.Count.EqualTo(1));
        Assert.That(result.Skipped[0].Reason, Does.Contain($"its base {names[2]} cannot be read"));
        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    [CancelAfter(60_000)]
    public void A_base_replaced_by_another_save_of_the_same_name_is_refused_by_id()
    {
        using var temp = new TempFolder();
        var (names, worlds) = WriteChain(temp.Path, saves: 3);
        var other = Path.Combine(temp.Path, "other");
        var (otherNames, otherWorlds) = WriteChain(other, saves: 2);
        File.Copy(Path.Combine(other, otherNames[1]), Path.Combine(temp.Path, names[1]), overwrite: true);

        var error = Assert.Throws<GameServer.Persistence.Format.SaveFormatException>(() => SavePaths.Load(Path.Combine(temp.Path, names[2])).Dispose());
        Assert.That(error!.Message, Does.Contain($"its base {names[1]} has id").And.Contain("replaced"));
        foreach (var w in worlds.Concat(otherWorlds)) w.Dispose();
    }

    [Test]
    [CancelAfter(60_000)]
    public void Reading_a_delta_file_alone_says_it_needs_its_chain()
    {
        using var temp = new TempFolder();
        var (names, worlds) = WriteChain(temp.Path, saves: 2);
        using var file = SavePaths.Open(Path.Combine(temp.Path, names[1]));
        Assert.That(file.Header.IsDelta, Is.True);
        Assert.That(file.Header.BaseFileName, Is.EqualTo(names[0]));
        var error = Assert.Throws<GameServer.Persistence.Format.SaveFormatException>(() => file.ReadSnapshot());
        Assert.That(error!.Message, Does.Contain("delta save").And.Contain(names[0]));
        foreach (var w in worlds) w.Dispose();
    }

    // One full save, then deltas; returns the names and a full copy of the world at each save, oldest first.
    internal static (List<string> Names, List<WorldSnapshot> Worlds) WriteChain(string folder, int saves)
    {
        Directory.CreateDirectory(folder);
        var store = new LocalFolderStore(folder);
        using var writer = new ChainWriter(store, new DeltaPolicy { FullEvery = 100, MaxChainFraction = 100 });
        var world = TestWorlds.Populated(2000, seed: 7);
        var churn = new RandomChurn(world, 7);
        var pool = new SnapshotPool(1);
        var names = new List<string>();
        var copies = new List<WorldSnapshot>();
        for (var i = 0; i < saves; i++)
        {
            churn.Apply(maxOps: 50, burst: 10);
            world.GetColumn<float>("x").Set(i, 1000 + i); // every save changes something
            world.AdvanceTick();
            Assert.That(pool.TryCapture(world, Start.AddSeconds(i), out var snapshot), Is.True);
            using (snapshot)
            {
                var name = SaveNames.Auto(Start.AddSeconds(i), world.Tick);
                Assert.That(writer.Save(snapshot, name).ChainIndex, Is.EqualTo(i));
                names.Add(name);
                copies.Add(TestWorlds.FullCopy(world));
            }
        }

        return (names, copies);
    }

    private static void Damage(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[SaveSurgery.DataIndexFromEnd(bytes, 1)] ^= 0x5a;
        File.WriteAllBytes(path, bytes);
    }
}
