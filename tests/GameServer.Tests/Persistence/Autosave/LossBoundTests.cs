using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Autosave;

/// <summary>
/// Promise 4: with a fake clock driving the schedule tick by tick and each save's commit held for a chosen
/// number of ticks, the server dies at a random tick; what loads is at most one interval plus one save's
/// duration behind. And a save is acknowledged only once the folder fsync made it durable.
/// </summary>
[CancelAfter(120_000)]
public class LossBoundTests
{
    private const int TickRate = 20;
    private const int IntervalTicks = 20; // 1 s at 20 ticks/s: a whole number of ticks, no rounding at the due time
    private const int LongestSaveTicks = 15;
    private static readonly TimeSpan TickLength = TimeSpan.FromSeconds(1.0 / TickRate);

    [Test]
    public void A_server_that_dies_at_a_random_tick_loses_at_most_one_interval_and_one_save_duration()
    {
        const int runs = 20;
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(run);
            var killTick = random.Next(1, 15 * IntervalTicks);
            var (loadedTick, saves) = RunUntilKilled(killTick, random);
            var context = $"run {run}: killed at tick {killTick} after {saves} committed saves, loaded tick {loadedTick}";
            Assert.That(loadedTick, Is.GreaterThanOrEqualTo(killTick - IntervalTicks - LongestSaveTicks), context);
            TestContext.Out.WriteLine(context);
        }
    }

    [Test]
    public async Task A_save_is_acknowledged_only_after_the_folder_fsync_that_makes_it_durable()
    {
        using var folder = new TempFolder();
        var pool = new SnapshotPool(1, trackLeaks: true);
        var world = TestWorlds.Populated(2000);
        var storage = new GatedFileSystem { GateFolderFsync = true };
        using (var service = SaveFixture.Service(new LocalFolderStore(folder.Path, storage), pool))
        {
            using var hold = storage.HoldCommits();
            var save = service.RequestSave(SaveKind.Manual, "ack");
            service.OnBetweenTicks(world);

            Assert.That(storage.WaitForCommit(SaveFixture.Timeout), Is.True, "the save reached its folder fsync");
            Assert.That(Directory.GetFiles(folder.Path, "manual-ack-*.gsav"), Has.Length.EqualTo(1), "renamed into place already");
            Assert.That(save.IsCompleted, Is.False, "no acknowledgement while the rename may still be lost to a power cut");

            storage.OpenCommits();
            var result = await save;
            Assert.That(result.Succeeded, Is.True, result.Error);
        }

        storage.Dispose();
        pool.AssertNoLeaks();
    }

    /// <summary>Ticks a world with autosave until <paramref name="killTick"/>, each save taking a random number of ticks; returns the tick a restart would load.</summary>
    private static (long LoadedTick, int Saves) RunUntilKilled(int killTick, Random random)
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var pool = new SnapshotPool(1, trackLeaks: true);
        var world = TestWorlds.Populated(2000, seed: 3);
        var copies = new Dictionary<long, WorldSnapshot>();
        var storage = new GatedFileSystem();
        var saves = 0;
        var options = new AutosaveOptions { WorldName = "w", Interval = IntervalTicks * TickLength };
        try
        {
            using var service = SaveFixture.Service(new LocalFolderStore(folder.Path, storage), pool, time, options);
            storage.HoldCommits();
            long commitAtTick = -1;
            try
            {
                for (var tick = 1; tick <= killTick; tick++)
                {
                    time.Advance(TickLength);
                    world.GetColumn<float>("x").Set(tick % world.Count, tick);
                    world.AdvanceTick();
                    var wasInFlight = service.InFlight;
                    service.OnBetweenTicks(world);
                    if (!wasInFlight && service.InFlight)
                    {
                        copies[world.Tick] = TestWorlds.FullCopy(world);
                        commitAtTick = tick + random.Next(0, LongestSaveTicks + 1);
                    }

                    if (tick == commitAtTick && tick < killTick)
                    {
                        Commit(service, storage);
                        saves++;
                    }
                }

                // Killed: the save in flight (if any) never reaches its rename; a restart loads what is on disk now.
                var latest = SavePaths.LoadLatest(folder.Path);
                using var loaded = latest.Snapshot;
                if (loaded is null) return (0, saves);
                TestWorlds.AssertSameBytes(copies[loaded.Tick], loaded, $"loaded tick {loaded.Tick}");
                return (loaded.Tick, saves);
            }
            finally
            {
                storage.OpenCommits(); // let the abandoned save end so the service can stop
            }
        }
        finally
        {
            storage.Dispose();
            foreach (var copy in copies.Values) copy.Dispose();
            pool.AssertNoLeaks();
        }
    }

    /// <summary>Lets the held save through and waits until the service is idle again; the next save is held anew.</summary>
    private static void Commit(AutosaveService service, GatedFileSystem storage)
    {
        Assert.That(storage.WaitForCommit(SaveFixture.Timeout), Is.True, "the save reached its commit");
        storage.OpenCommits();
        Assert.That(SpinWait.SpinUntil(() => !service.InFlight, SaveFixture.Timeout), Is.True, "the save finished");
        storage.HoldCommits();
    }
}
