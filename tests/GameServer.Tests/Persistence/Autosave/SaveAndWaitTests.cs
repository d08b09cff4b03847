using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Autosave;

[CancelAfter(60_000)]
public class SaveAndWaitTests
{
    private TempFolder _folder = null!;
    private ClockReadCounter _time = null!;
    private SnapshotPool _pool = null!;
    private GameWorld _world = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _time = new ClockReadCounter();
        _pool = new SnapshotPool(2, trackLeaks: true);
        _world = TestWorlds.Populated(5000);
    }

    [TearDown]
    public void TearDown()
    {
        _pool.AssertNoLeaks();
        _folder.Dispose();
    }

    [Test]
    public async Task SaveAndWait_blocks_behind_the_save_in_flight_and_returns_its_own_save_once_the_gate_opens()
    {
        using var storage = new GatedFileSystem();
        using var service = SaveFixture.Service(new LocalFolderStore(_folder.Path, storage), _pool, _time);
        using var hold = storage.HoldCommits();
        var first = service.RequestSave(SaveKind.Manual, "first");
        service.OnBetweenTicks(_world);
        Assert.That(storage.WaitForCommit(SaveFixture.Timeout), Is.True);

        // OnBetweenTicks reads the clock once per call: the count says how often SaveAndWait drove a capture.
        var before = _time.Reads;
        var waiting = Task.Factory.StartNew(() => service.SaveAndWait(_world, SaveKind.Manual, "second", SaveFixture.Timeout), TaskCreationOptions.LongRunning);
        SpinWait.SpinUntil(() => _time.Reads > before, SaveFixture.Timeout);
        Thread.Sleep(100); // room for a poll to show itself; a blocked waiter reads the clock no more
        Assert.That(_time.Reads - before, Is.EqualTo(1), "waiting on the writer's signal, not polling");
        Assert.That(waiting.IsCompleted, Is.False);

        storage.OpenCommits();
        var second = await waiting;
        Assert.That(second.Succeeded, Is.True, second.Error);
        Assert.That(second.Name, Does.StartWith("manual-second-"));
        Assert.That((await first).Location, Does.Contain("manual-first-"));
        Assert.That(_time.Reads - before, Is.EqualTo(2), "one call found the first save in flight, one captured the second");
    }

    [Test]
    public async Task SaveAndWait_returns_a_rejection_when_the_save_does_not_finish_within_the_timeout()
    {
        using var storage = new GatedFileSystem();
        using var service = SaveFixture.Service(new LocalFolderStore(_folder.Path, storage), _pool, _time);
        using var hold = storage.HoldCommits();
        var completed = new TaskCompletionSource<SaveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.SaveCompleted += r => completed.TrySetResult(r);

        var result = service.SaveAndWait(_world, SaveKind.Manual, "late", TimeSpan.FromMilliseconds(200));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Kind, Is.EqualTo(SaveKind.Manual));
        Assert.That(result.Error, Does.StartWith("save did not finish within"));
        Assert.That(Directory.GetFiles(_folder.Path, "*.gsav"), Is.Empty, "nothing committed while the gate is shut");

        storage.OpenCommits();
        var late = await completed.Task;
        Assert.That(late.Succeeded, Is.True, "the save itself still lands; only the wait gave up");
    }

    [Test]
    public async Task SaveAndWait_retries_while_every_pooled_snapshot_is_out_and_saves_once_one_returns()
    {
        using var service = SaveFixture.Service(new LocalFolderStore(_folder.Path), _pool, _time);
        var held = new[] { _pool.Capture(_world), _pool.Capture(_world) };
        var waiting = Task.Factory.StartNew(() => service.SaveAndWait(_world, SaveKind.Manual, "after", SaveFixture.Timeout), TaskCreationOptions.LongRunning);
        SpinWait.SpinUntil(() => service.GetStatus(_world.Tick).Skipped > 0, SaveFixture.Timeout);
        Assert.That(waiting.IsCompleted, Is.False);

        foreach (var snapshot in held) snapshot.Dispose();
        var result = await waiting;
        Assert.That(result.Succeeded, Is.True, result.Error);
    }

    /// <summary>A fake clock that counts how often its timestamp is read.</summary>
    private sealed class ClockReadCounter() : FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero))
    {
        private long _reads;

        public long Reads => Interlocked.Read(ref _reads);

        public override long GetTimestamp()
        {
            Interlocked.Increment(ref _reads);
            return base.GetTimestamp();
        }
    }
}
