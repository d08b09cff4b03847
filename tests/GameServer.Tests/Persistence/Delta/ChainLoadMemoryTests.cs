using GameServer.Persistence.Delta;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Delta;

/// <summary>A chain is decoded in place: one snapshot's buffers, whatever the chain's length.</summary>
public class ChainLoadMemoryTests
{
    [Test]
    [CancelAfter(120_000)]
    public void Loading_a_chain_of_ten_deltas_allocates_about_one_snapshot_not_one_per_link()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        using var writer = new ChainWriter(store, new DeltaPolicy { FullEvery = 100, MaxChainFraction = 100 });
        var world = TestWorlds.Populated(100_000, seed: 3);
        var x = world.GetColumn<float>("x");
        var pool = new SnapshotPool(1);
        var start = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        string newest = "";
        long worldBytes = 0;
        for (var i = 0; i <= 10; i++)
        {
            for (var row = i; row < world.Count; row += 97) x.Set(row, x[row] + 1); // scattered: every block of x dirty
            world.AdvanceTick();
            Assert.That(pool.TryCapture(world, start.AddSeconds(i), out var snapshot), Is.True);
            using (snapshot)
            {
                newest = SaveNames.Auto(start.AddSeconds(i), world.Tick);
                Assert.That(writer.Save(snapshot, newest).ChainIndex, Is.EqualTo(i));
                worldBytes = snapshot.RawBytes;
            }
        }

        using var expected = TestWorlds.FullCopy(world);
        SavePaths.Load(temp.File(newest)).Dispose(); // first use: JIT and one-time setup are not the chain's cost

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var loaded = SavePaths.Load(temp.File(newest));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        TestWorlds.AssertSameBytes(expected, loaded, "chain of 10 deltas");
        Assert.That(allocated, Is.LessThan(2 * worldBytes), $"{allocated:N0} bytes allocated to load a chain of a {worldBytes:N0}-byte world and 10 deltas");
    }
}
