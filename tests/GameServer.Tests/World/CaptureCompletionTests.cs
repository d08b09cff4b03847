using GameServer.World.Snapshots;

namespace GameServer.Tests.World;

/// <summary>
/// How a deferred capture finishes: completion is published only after its bookkeeping, so whoever sees
/// <see cref="WorldSnapshot.IsComplete"/> may read the figures, dispose and capture again at once.
/// </summary>
public class CaptureCompletionTests
{
    [Test]
    [CancelAfter(120_000)]
    public void A_caller_polling_IsComplete_can_read_the_copied_bytes_dispose_and_recapture_at_once(CancellationToken token)
    {
        const int Iterations = 5_000;
        const int DirtyRows = 2 * 1024;
        var pool = new SnapshotPool(maxSnapshots: 1, trackLeaks: true);
        var world = TestWorlds.Populated(8000, seed: 3);
        var x = world.GetColumn<float>("x");
        Job? job = null;
        var stop = false;

        // The autosave thread's part: continue each new capture until it completes, nothing else.
        var copier = new Thread(() =>
        {
            long handled = 0;
            var idle = default(SpinWait);
            while (!Volatile.Read(ref stop))
            {
                var current = Volatile.Read(ref job);
                if (current is null || current.Sequence == handled)
                {
                    idle.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                idle.Reset();
                current.Snapshot.ContinueCapture(long.MaxValue);
                handled = current.Sequence;
            }
        })
        { IsBackground = true, Name = "copier" };
        copier.Start();

        var wrongCopiedBytes = new List<string>();
        var iterations = 0;
        try
        {
            // The tick thread's part: begin, hand over, poll, check the figures, dispose, begin the next.
            for (; iterations < Iterations && !token.IsCancellationRequested; iterations++)
            {
                world.AdvanceTick();
                x.Write(0, DirtyRows).Fill(iterations);
                Assert.That(pool.TryBeginCapture(world, DateTime.UtcNow, out var snapshot), Is.True);
                var expected = snapshot.LastCaptureWasFull ? snapshot.RawBytes : DirtyRows * sizeof(float);
                Volatile.Write(ref job, new Job(snapshot, iterations + 1));
                while (!snapshot.IsComplete) token.ThrowIfCancellationRequested();
                var copied = snapshot.LastCopiedBytes;
                if (copied != expected && wrongCopiedBytes.Count < 5)
                    wrongCopiedBytes.Add($"iteration {iterations}: {copied} copied bytes, expected {expected}");
                snapshot.Dispose();
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            copier.Join();
        }

        Assert.That(wrongCopiedBytes, Is.Empty);
        Assert.That(iterations, Is.EqualTo(Iterations), "every iteration ran before the timeout");
        pool.AssertNoLeaks();
    }

    private sealed record Job(WorldSnapshot Snapshot, long Sequence);
}
