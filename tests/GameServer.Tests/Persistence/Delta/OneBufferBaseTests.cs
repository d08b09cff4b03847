using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Delta;

/// <summary>The base of a delta is the one snapshot buffer: what happens when a save fails, a capture finds it busy, or a save was just loaded into it.</summary>
[CancelAfter(120_000)]
public class OneBufferBaseTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void A_failed_save_makes_the_next_save_full_and_the_chain_still_loads_byte_identical()
    {
        var files = new FaultyFileSystem();
        var store = new LocalFolderStore(_folder.Path, files);
        var pool = new SnapshotPool(1, trackLeaks: true);
        var world = TestWorlds.Populated(5000, seed: 3);
        var churn = new RandomChurn(world, seed: 3);
        using var service = SaveFixture.Service(store, pool);

        var full = SaveAndCheck(service, store, world, churn);
        Assert.That(full.ChainIndex, Is.Zero, "the first save is full");
        var delta = SaveAndCheck(service, store, world, churn);
        Assert.That(delta.ChainIndex, Is.EqualTo(1));

        // This capture overwrites the buffer that held the base; its save then fails.
        churn.Apply(maxOps: 20, burst: 5);
        world.AdvanceTick();
        files.FailRename = true;
        var failed = service.SaveAndWait(world, SaveKind.Auto, null, SaveFixture.Timeout);
        Assert.That(failed.Succeeded, Is.False, "the injected rename failure fails the save");
        files.FailRename = false;

        var after = SaveAndCheck(service, store, world, churn);
        Assert.That(after.ChainIndex, Is.Zero, "the base's bytes are gone from memory: the save after a failed one is full");
        var next = SaveAndCheck(service, store, world, churn);
        Assert.That(next.ChainIndex, Is.EqualTo(1), "the full save is the next base");
        Assert.That(next.BaseName, Is.EqualTo(after.Name));
        pool.AssertNoLeaks();
    }

    [Test]
    public void A_manual_save_makes_the_next_autosave_full()
    {
        var store = new LocalFolderStore(_folder.Path);
        var pool = new SnapshotPool(1);
        var world = TestWorlds.Populated(3000, seed: 4);
        var churn = new RandomChurn(world, seed: 4);
        using var service = SaveFixture.Service(store, pool);
        SaveAndCheck(service, store, world, churn);
        Assert.That(SaveAndCheck(service, store, world, churn).ChainIndex, Is.EqualTo(1));

        var manual = SaveAndCheck(service, store, world, churn, SaveKind.Manual);
        Assert.That(manual.ChainIndex, Is.Zero, "manual saves are always full");
        Assert.That(SaveAndCheck(service, store, world, churn).ChainIndex, Is.Zero, "the manual capture overwrote the autosave base");
        Assert.That(SaveAndCheck(service, store, world, churn).ChainIndex, Is.EqualTo(1));
    }

    [Test]
    public async Task A_capture_while_the_buffer_is_being_written_waits_for_it_and_nothing_leaks()
    {
        using var files = new GatedFileSystem();
        var store = new LocalFolderStore(_folder.Path, files);
        var pool = new SnapshotPool(1, trackLeaks: true);
        var world = TestWorlds.Populated(3000, seed: 5);
        var churn = new RandomChurn(world, seed: 5);
        using var service = SaveFixture.Service(store, pool);
        SaveAndCheck(service, store, world, churn);
        while (files.WaitForCommit(TimeSpan.Zero))
        {
            // Forget the commits of the save above: the wait below is for the next one.
        }

        using (files.HoldCommits())
        {
            world.AdvanceTick();
            var first = service.RequestSave(SaveKind.Auto);
            service.OnBetweenTicks(world);
            Assert.That(files.WaitForCommit(SaveFixture.Timeout), Is.True, "the first save reached its commit");
            Assert.That(pool.Outstanding, Is.EqualTo(1), "the one buffer is being written");
            Assert.That(pool.TryBeginCapture(world, DateTime.UtcNow, out _), Is.False, "no second buffer to capture into");

            // Later ticks change the world and ask again: nothing is captured while the buffer is out.
            churn.Apply(maxOps: 20, burst: 5);
            world.AdvanceTick();
            var second = service.RequestSave(SaveKind.Auto, "second");
            service.OnBetweenTicks(world);
            Assert.That(second.IsCompleted, Is.False, "the second request waits for the buffer");
            Assert.That(pool.Outstanding, Is.EqualTo(1));

            files.OpenCommits();
            var firstResult = await first;
            Assert.That(firstResult.Succeeded, Is.True, firstResult.Error);
            Assert.That(firstResult.ChainIndex, Is.EqualTo(1));
            using var expected = TestWorlds.FullCopy(world);
            var secondResult = service.SaveAndWait(world, SaveKind.Auto, "second", SaveFixture.Timeout);
            Assert.That(secondResult.Succeeded, Is.True, secondResult.Error);
            Assert.That(secondResult.ChainIndex, Is.EqualTo(2), "the waiting capture is a delta against the save that held the buffer");
            using var loaded = await SaveLoader.LoadAsync(store, secondResult.Name!);
            TestWorlds.AssertSameBytes(expected, loaded, "the save captured after the wait");
            Assert.That((await second).Name, Is.EqualTo(secondResult.Name), "the waiting request merged into that save");
        }

        Assert.That(pool.Outstanding, Is.Zero);
        pool.AssertNoLeaks();
    }

    [Test]
    public async Task Load_then_delta_uses_the_loaded_save_as_base_without_a_second_copy()
    {
        var store = new LocalFolderStore(_folder.Path);
        var written = TestWorlds.Populated(4000, seed: 6);
        var churn = new RandomChurn(written, seed: 6);
        string loadedName;
        using (var first = SaveFixture.Service(store, new SnapshotPool(1)))
        {
            SaveAndCheck(first, store, written, churn);
            loadedName = SaveAndCheck(first, store, written, churn).Name!;
        }

        var latest = await SaveLoader.LoadLatestAsync(store);
        Assert.That(latest.Entry!.FileName, Is.EqualTo(loadedName));
        var pool = new SnapshotPool(1, trackLeaks: true);
        var world = new GameWorld(TestWorlds.Schema());
        var loadedSnapshot = latest.Snapshot!;
        pool.Restore(world, loadedSnapshot, out var kept);
        Assert.That(kept, Is.True, "a save with the world's columns becomes the pool's buffer");

        using var service = SaveFixture.Service(store, pool);
        var header = latest.Entry.Header!;
        service.ContinueChain(loadedSnapshot, header.SaveId, loadedName, header.ChainIndex, 1 << 20, 0);
        var next = SaveAndCheck(service, store, world, change: () => world.GetColumn<float>("x")[10] = 5);
        Assert.That(next.ChainIndex, Is.EqualTo(2), "a delta continuing the loaded chain");
        Assert.That(next.BaseName, Is.EqualTo(loadedName));
        Assert.That(next.CaptureCopiedBytes, Is.LessThan(loadedSnapshot.RawBytes / 4), "the capture copied only changed chunks into the loaded buffer");
        Assert.That(pool.TryCapture(world, DateTime.UtcNow, out var rented), Is.True);
        Assert.That(rented, Is.SameAs(loadedSnapshot), "the loaded snapshot is the pool's only buffer");
        rented.Dispose();

        pool.AssertNoLeaks();
    }

    // Changes the world, saves it through the service and checks the save restores byte-identical to the world at the capture.
    private static SaveResult SaveAndCheck(AutosaveService service, ISaveStore store, GameWorld world, RandomChurn churn, SaveKind kind = SaveKind.Auto) =>
        SaveAndCheck(service, store, world, () => churn.Apply(maxOps: 20, burst: 5), kind);

    private static SaveResult SaveAndCheck(AutosaveService service, ISaveStore store, GameWorld world, Action change, SaveKind kind = SaveKind.Auto)
    {
        change();
        world.AdvanceTick();
        using var expected = TestWorlds.FullCopy(world);
        var result = service.SaveAndWait(world, kind, kind == SaveKind.Manual ? "by-hand" : null, SaveFixture.Timeout);
        Assert.That(result.Succeeded, Is.True, result.Error);
        using var loaded = SaveLoader.LoadAsync(store, result.Name!).GetAwaiter().GetResult();
        TestWorlds.AssertSameBytes(expected, loaded, $"{result.Name} (chain index {result.ChainIndex})");
        return result;
    }
}
