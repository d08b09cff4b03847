using System.Diagnostics;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Snapshots;
using ZstdSharp;

namespace GameServer.Bench.Scenario;

/// <summary>The micro-measurements the scenario reports next to its phases, all in the same process.</summary>
public static class StaticMeasurements
{
    /// <summary>
    /// Plain copy of the world's live column bytes into a pooled, pre-touched buffer (the physical floor)
    /// and a full capture into a warm pooled snapshot, alternated rep by rep so drift hits both alike.
    /// </summary>
    public static (double MemcpyMs, double CaptureFullMs) MemcpyAndFullCapture(GameWorld world, SnapshotPool pool, int reps)
    {
        var columns = world.Schema.Columns.Select(c => world.GetColumn(c.Name)).ToArray();
        var target = new byte[columns.Sum(c => Enumerable.Range(0, c.BufferCount).Sum(b => (long)c.BufferBytes(b).Length))];
        target.AsSpan().Fill(1);
        var copies = new List<double>();
        var captures = new List<double>();
        for (var rep = 0; rep <= reps; rep++)
        {
            // The same bytes from the same memory the capture reads: the live columns. (Copying from fresh
            // copies of them measured ~15% faster here, which flattered the baseline.)
            var t0 = Stopwatch.GetTimestamp();
            var offset = 0;
            foreach (var column in columns)
            {
                for (var b = 0; b < column.BufferCount; b++)
                {
                    var source = column.BufferBytes(b);
                    source.CopyTo(target.AsSpan(offset));
                    offset += source.Length;
                }
            }

            var copyMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            t0 = Stopwatch.GetTimestamp();
            pool.TryCapture(world, DateTime.UtcNow, out var snapshot);
            var captureMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            snapshot.Invalidate();
            snapshot.Dispose();
            if (rep == 0) continue;
            copies.Add(copyMs);
            captures.Add(captureMs);
        }

        return (Stats.Median(copies), Stats.Median(captures));
    }

    /// <summary>
    /// Incremental capture after one autosave interval of ticks (of a pipeline that does not save): median
    /// time and the fraction of the world's bytes that had to be copied (the demo's dirty fraction).
    /// </summary>
    public static (double Ms, double DirtyFraction) CaptureIncremental(TickPipeline ticks, SnapshotPool pool, int ticksBetween, int reps)
    {
        var world = ticks.World;
        pool.TryCapture(world, DateTime.UtcNow, out var first);
        first.Dispose();
        var times = new List<double>();
        var fractions = new List<double>();
        for (var rep = 0; rep < reps; rep++)
        {
            for (var t = 0; t < ticksBetween; t++) ticks.RunTick();

            var t0 = Stopwatch.GetTimestamp();
            pool.TryCapture(world, DateTime.UtcNow, out var snapshot);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            fractions.Add(snapshot.LastCopiedBytes / (double)snapshot.RawBytes);
            snapshot.Dispose();
        }

        return (Stats.Median(times), Stats.Median(fractions));
    }

    /// <summary>zstd level 1 over the unfiltered raw bytes in one call: the reference codec.</summary>
    public static (double Ms, long Bytes) ReferenceZstd1(byte[] raw, int reps)
    {
        using var compressor = new Compressor(1);
        var output = new byte[Compressor.GetCompressBound(raw.Length)];
        var times = new List<double>();
        var size = 0;
        for (var rep = 0; rep <= reps; rep++)
        {
            var t0 = Stopwatch.GetTimestamp();
            size = compressor.Wrap(raw, output);
            if (rep > 0) times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return (Stats.Median(times), size);
    }
}
