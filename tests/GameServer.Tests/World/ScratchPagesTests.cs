using GameServer.Persistence.Delta;
using GameServer.Persistence.Writing;
using GameServer.World.Snapshots;

namespace GameServer.Tests.World;

/// <summary>Idle save buffers give their pages back to the OS (their content reads as zeros after), so they do not stay resident side by side.</summary>
[Platform("Linux")]
public class ScratchPagesTests
{
    [Test]
    public void Released_pages_read_as_zeros_and_the_array_stays_writable()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(8 << 20);
        buffer.AsSpan().Fill(0xAB);
        Assert.That(ScratchPages.Release(buffer, 100_000), Is.Zero, "madvise's error number");

        Assert.That(buffer.AsSpan(0, 100_000).ContainsAnyExcept((byte)0xAB), Is.False, "bytes before the start are kept");
        var page = Environment.SystemPageSize;
        Assert.That(buffer.AsSpan(100_000 + page, buffer.Length - 100_000 - (2 * page)).ContainsAnyExcept((byte)0), Is.False, "whole pages after the start are released");
        buffer[^1] = 7;
        Assert.That(buffer[^1], Is.EqualTo(7));
    }

    [Test]
    public void Encoding_a_full_save_releases_the_side_buffer_of_the_last_delta_but_its_capture_on_the_tick_thread_does_not()
    {
        var world = TestWorlds.Populated(200_000, seed: 4);
        var pool = new SnapshotPool(1);
        pool.Capture(world).Dispose();
        var x = world.GetColumn<float>("x");
        for (var row = 0; row < world.Count; row += 7) x.Set(row, x[row] + 1);
        world.AdvanceTick();
        using (var delta = pool.Capture(world))
        {
            Assert.That(delta.HasDifference && delta.Difference.ContainsAnyExcept((byte)0), Is.True, "the delta's capture recorded a difference");
        }

        for (var row = 0; row < world.Count; row += 7) x.Set(row, x[row] + 1);
        world.AdvanceTick();
        Assert.That(pool.TryCapture(world, DateTime.UtcNow, recordDifference: false, out var full), Is.True);
        using (full)
        {
            Assert.That(full.SideBufferForTest.Length, Is.GreaterThan(256 << 10));
            var side = full.SideBufferForTest;
            var page = Environment.SystemPageSize;
            Assert.That(side.AsSpan(page, side.Length - (2 * page)).ContainsAnyExcept((byte)0), Is.True, "the capture (on the tick thread) left the pages alone");
            using var encoder = new SnapshotEncoder();
            encoder.PrepareFull(full, "w", "auto", "").WriteTo(Stream.Null);
            Assert.That(side.AsSpan(page, side.Length - (2 * page)).ContainsAnyExcept((byte)0), Is.False, "the side buffer's whole pages went back to the OS");
        }
    }
}
