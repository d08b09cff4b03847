using GameServer.World;
using GameServer.World.Columns;
using GameServer.World.Snapshots;

namespace GameServer.Tests.World;

/// <summary>
/// The write barrier while another thread copies: copiers claim one chunk at a time, so a write waits at
/// most for the one chunk being copied, and that wait is what <see cref="WorldSnapshot.MaxBarrierWait"/> reports.
/// </summary>
public class CaptureBarrierTests
{
    private static readonly TimeSpan Deadlock = TimeSpan.FromSeconds(30);
    private SnapshotPool _pool = null!;
    private GameWorld _world = null!;
    private Column<float> _x = null!;
    private ManualResetEventSlim _claimed = null!;
    private ManualResetEventSlim _release = null!;

    [SetUp]
    public void CreateWorld()
    {
        _pool = new SnapshotPool(maxSnapshots: 1, trackLeaks: true);
        _world = TestWorlds.Populated(8 * GameWorld.RowsPerChunk, seed: 21);
        _x = _world.GetColumn<float>("x");
        _claimed = new ManualResetEventSlim();
        _release = new ManualResetEventSlim();
    }

    [TearDown]
    public void NoSnapshotLeaked()
    {
        _release.Set();
        _pool.AssertNoLeaks();
        _claimed.Dispose();
        _release.Dispose();
    }

    [Test]
    [CancelAfter(120_000)]
    public void A_write_to_a_later_chunk_proceeds_while_the_copier_is_still_copying_an_earlier_one()
    {
        using var expected = TestWorlds.FullCopy(_world);
        using var snapshot = BeginCaptureHoldingCopierOnFirstChunkOfX(out var copier);

        // Old behaviour: the copier claimed the whole column as one run, and these writes waited for all of it.
        var writer = Task.Run(() =>
        {
            _x.Set(GameWorld.RowsPerChunk, -1f);
            _x.Set((6 * GameWorld.RowsPerChunk) + 5, -2f);
        });
        Assert.That(writer.Wait(Deadlock), Is.True, "writes to chunks 1 and 6 did not wait for the copier's chunk 0");

        _release.Set();
        Assert.That(copier.Wait(Deadlock) && copier.Result, Is.True);
        TestWorlds.AssertSameBytes(expected, snapshot, "captured while later chunks were written");
        Assert.That(snapshot.MaxBarrierWait, Is.EqualTo(TimeSpan.Zero), "no write had to wait for another thread");
        Assert.That(_x.Get(GameWorld.RowsPerChunk), Is.EqualTo(-1f));
    }

    [Test]
    [CancelAfter(120_000)]
    public void A_write_to_the_chunk_being_copied_waits_for_that_chunk_and_the_wait_is_reported(CancellationToken token)
    {
        using var expected = TestWorlds.FullCopy(_world);
        var snapshot = BeginCaptureHoldingCopierOnFirstChunkOfX(out var copier);

        var writer = Task.Run(() => _x.Set(5, 123f), token);
        while (snapshot.Capture.BarrierWaitersForTest == 0) token.ThrowIfCancellationRequested();
        Assert.That(writer.IsCompleted, Is.False, "the write waits while its chunk is being copied");

        _release.Set();
        Assert.That(writer.Wait(Deadlock, token), Is.True);
        Assert.That(copier.Wait(Deadlock, token) && copier.Result, Is.True);
        Assert.That(snapshot.IsComplete, Is.True);
        Assert.That(snapshot.MaxBarrierWait, Is.GreaterThan(TimeSpan.Zero));
        TestWorlds.AssertSameBytes(expected, snapshot, "the waiting write landed after its chunk was copied");
        Assert.That(_x.Get(5), Is.EqualTo(123f));

        // The figure is per capture: the next one, with no write waiting, reports zero.
        snapshot.Capture.ChunkClaimedForTest = null;
        snapshot.Dispose();
        Assert.That(_pool.TryBeginCapture(_world, DateTime.UtcNow, out var next), Is.True);
        using (next)
        {
            Assert.That(next.ContinueCapture(long.MaxValue), Is.True);
            Assert.That(next.MaxBarrierWait, Is.EqualTo(TimeSpan.Zero));
        }
    }

#if DEBUG
    [Test]
    [CancelAfter(120_000)]
    public void Disposing_while_a_ContinueCapture_call_is_copying_fails_a_debug_assertion()
    {
        var snapshot = BeginCaptureHoldingCopierOnFirstChunkOfX(out var copier);
        Assert.That(snapshot.Dispose, Throws.Exception.With.Message.Contains("must return before the snapshot is disposed"));
        _release.Set();
        Assert.That(copier.Wait(Deadlock) && copier.Result, Is.True);
        snapshot.Dispose();
    }

#endif
    // A full deferred capture whose copier (another thread) stops inside x's chunk 0, claimed and not yet
    // copied, until the test sets _release.
    private WorldSnapshot BeginCaptureHoldingCopierOnFirstChunkOfX(out Task<bool> copier)
    {
        var xColumn = _world.Schema.IndexOf("x");
        Assert.That(_pool.TryBeginCapture(_world, DateTime.UtcNow, out var snapshot), Is.True);
        snapshot.Capture.ChunkClaimedForTest = (column, buffer, chunk) =>
        {
            if (column != xColumn || chunk != 0) return;
            _claimed.Set();
            _release.Wait();
        };
        copier = Task.Factory.StartNew(() => snapshot.ContinueCapture(long.MaxValue), TaskCreationOptions.LongRunning);
        Assert.That(_claimed.Wait(Deadlock), Is.True, "the copier reached x's chunk 0");
        return snapshot;
    }
}
