using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Autosave;

[CancelAfter(60_000)]
public class SaveAndWaitTests : AutosaveRig
{
    private ClockReadCounter Clock => (ClockReadCounter)Time;

    protected override FakeTimeProvider CreateClock() => new ClockReadCounter();

    [Test]
    public async Task SaveAndWait_blocks_behind_the_save_in_flight_and_returns_its_own_save_once_the_gate_opens()
    {
        using var storage = new GatedFileSystem();
        using var service = Service(new LocalFolderStore(Folder.Path, storage));
        using var hold = storage.HoldCommits();
        var first = service.RequestSave(SaveKind.Manual, "first");
        service.OnBetweenTicks(World);
        Assert.That(storage.WaitForCommit(SaveFixture.Timeout), Is.True);

        // OnBetweenTicks reads the clock once per call: the count says how often SaveAndWait drove a capture.
        var before = Clock.Reads;
        var waiting = Task.Factory.StartNew(() => service.SaveAndWait(World, SaveKind.Manual, "second", SaveFixture.Timeout), TaskCreationOptions.LongRunning);
        SpinWait.SpinUntil(() => Clock.Reads > before, SaveFixture.Timeout);
        Thread.Sleep(100); // room for a poll to show itself; a blocked waiter reads the clock no more
        Assert.That(Clock.Reads - before, Is.EqualTo(1), "waiting on the writer's signal, not polling");
        Assert.That(waiting.IsCompleted, Is.False);

        storage.OpenCommits();
        var second = await waiting;
        Assert.That(second.Succeeded, Is.True, second.Error);
        Assert.That(second.Name, Does.StartWith("manual-second-"));
        Assert.That((await first).Location, Does.Contain("manual-first-"));
        Assert.That(Clock.Reads - before, Is.EqualTo(2), "one call found the first save in flight, one captured the second");
    }

    [Test]
    public async Task SaveAndWait_returns_a_rejection_when_the_save_does_not_finish_within_the_timeout()
    {
        using var storage = new GatedFileSystem();
        using var service = Service(new LocalFolderStore(Folder.Path, storage));
        using var hold = storage.HoldCommits();
        var completed = new TaskCompletionSource<SaveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.SaveCompleted += r => completed.TrySetResult(r);

        var result = service.SaveAndWait(World, SaveKind.Manual, "late", TimeSpan.FromMilliseconds(200));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Kind, Is.EqualTo(SaveKind.Manual));
        Assert.That(result.Error, Does.StartWith("save did not finish within"));
        Assert.That(Directory.GetFiles(Folder.Path, "*.gsav"), Is.Empty, "nothing committed while the gate is shut");

        storage.OpenCommits();
        var late = await completed.Task;
        Assert.That(late.Succeeded, Is.True, "the save itself still lands; only the wait gave up");
    }

    [Test]
    public async Task SaveAndWait_retries_while_every_pooled_snapshot_is_out_and_saves_once_one_returns()
    {
        using var service = Service();
        var held = new[] { Pool.Capture(World), Pool.Capture(World) };
        var waiting = Task.Factory.StartNew(() => service.SaveAndWait(World, SaveKind.Manual, "after", SaveFixture.Timeout), TaskCreationOptions.LongRunning);
        SpinWait.SpinUntil(() => service.GetStatus(World.Tick).Skipped > 0, SaveFixture.Timeout);
        Assert.That(waiting.IsCompleted, Is.False);

        foreach (var snapshot in held) snapshot.Dispose();
        var result = await waiting;
        Assert.That(result.Succeeded, Is.True, result.Error);
    }

    /// <summary>A fake clock that counts how often its timestamp is read.</summary>
    private sealed class ClockReadCounter() : FakeTimeProvider(Noon)
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
