using System.Diagnostics;
using System.Runtime.InteropServices;
using GameServer.Server.Demo;
using GameServer.World.Snapshots;
using ZstdSharp;
using WorldModel = GameServer.World.World;

namespace GameServer.Bench.Scenario;

/// <summary>The micro-measurements the scenario reports next to its phases, all in the same process.</summary>
public static class StaticMeasurements
{
    /// <summary>
    /// Plain copy of the world's bytes into a pooled, pre-touched buffer (the physical floor) and a full
    /// capture into a warm pooled snapshot, alternated rep by rep so machine drift hits both alike.
    /// </summary>
    public static (double MemcpyMs, double CaptureFullMs) MemcpyAndFullCapture(WorldModel world, WorldSnapshot reference, SnapshotPool pool, int reps)
    {
        var sources = new List<byte[]>();
        foreach (var column in reference.Columns)
        {
            for (var b = 0; b < column.BufferCount; b++) sources.Add(column.Buffer(b).ToArray());
        }

        var target = new byte[sources.Sum(s => s.Length)];
        target.AsSpan().Fill(1);
        var copies = new List<double>();
        var captures = new List<double>();
        for (var rep = 0; rep <= reps; rep++)
        {
            // The same bytes from the same memory the capture reads: the live columns. (Variable-length
            // columns expose no whole-buffer view; they come from the reference copy.) Copying from
            // fresh copies instead measured ~15% faster here than from the live world's arrays.
            var t0 = Stopwatch.GetTimestamp();
            var offset = 0;
            var index = 0;
            foreach (var column in reference.Columns)
            {
                for (var b = 0; b < column.BufferCount; b++, index++)
                {
                    var live = LiveBytes(world, column.Definition);
                    var source = live.IsEmpty ? sources[index] : live;
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

    private static ReadOnlySpan<byte> LiveBytes(WorldModel world, GameServer.World.Schema.ColumnDefinition definition) => definition.Type switch
    {
        GameServer.World.Schema.ColumnType.Float32 => MemoryMarshal.AsBytes(world.GetColumn<float>(definition.Name).Read()),
        GameServer.World.Schema.ColumnType.Int32 => MemoryMarshal.AsBytes(world.GetColumn<int>(definition.Name).Read()),
        GameServer.World.Schema.ColumnType.UInt32 => MemoryMarshal.AsBytes(world.GetColumn<uint>(definition.Name).Read()),
        GameServer.World.Schema.ColumnType.Int64 => MemoryMarshal.AsBytes(world.GetColumn<long>(definition.Name).Read()),
        GameServer.World.Schema.ColumnType.UInt16 => MemoryMarshal.AsBytes(world.GetColumn<ushort>(definition.Name).Read()),
        _ => default,
    };

    /// <summary>
    /// Incremental capture after one autosave interval of simulation: median time and the fraction of the
    /// world's bytes that had to be copied (the demo's dirty fraction).
    /// </summary>
    public static (double Ms, double DirtyFraction) CaptureIncremental(WorldModel world, DemoSimulation simulation, SnapshotPool pool, int ticksBetween, int reps)
    {
        pool.TryCapture(world, DateTime.UtcNow, out var first);
        first.Dispose();
        var times = new List<double>();
        var fractions = new List<double>();
        for (var rep = 0; rep < reps; rep++)
        {
            for (var t = 0; t < ticksBetween; t++)
            {
                world.AdvanceTick();
                simulation.Step();
            }

            var t0 = Stopwatch.GetTimestamp();
            pool.TryCapture(world, DateTime.UtcNow, out var snapshot);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            fractions.Add(snapshot.LastCopiedBytes / (double)snapshot.RawBytes);
            snapshot.Dispose();
        }

        return (Stats.Median(times), Stats.Median(fractions));
    }

    /// <summary>zstd level 1 over the unfiltered raw bytes in one call: the reference codec.</summary>
    public static (double Ms, long Bytes) ReferenceZstd1(WorldSnapshot snapshot, int reps)
    {
        var raw = Codecs.CodecComparison.Concatenate(snapshot);
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
