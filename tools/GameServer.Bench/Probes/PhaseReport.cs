using System.Text.Json.Serialization;

namespace GameServer.Bench.Probes;

/// <summary>
/// What one phase (idle or saving, all rounds together) cost the process: ticks, garbage collections, GC
/// pause, allocation, the tick thread's wait for a core, and how many threads were runnable (snake_case JSON).
/// </summary>
public sealed class PhaseReport
{
    [JsonPropertyName("seconds")] public double Seconds { get; set; }

    [JsonPropertyName("ticks")] public int Ticks { get; set; }

    [JsonPropertyName("tick_ms_p99")] public double TickMsP99 { get; set; }

    [JsonPropertyName("tick_ms_max")] public double TickMsMax { get; set; }

    /// <summary>Ticks slower than the idle phase's p99 (in the idle phase itself: about 1%).</summary>
    [JsonPropertyName("slow_ticks")] public int SlowTicks { get; set; }

    /// <summary>Slow ticks with a GC pause since the previous tick ended.</summary>
    [JsonPropertyName("slow_ticks_with_gc")] public int SlowTicksWithGc { get; set; }

    [JsonPropertyName("gc_gen0")] public int GcGen0 { get; set; }

    [JsonPropertyName("gc_gen1")] public int GcGen1 { get; set; }

    [JsonPropertyName("gc_gen2")] public int GcGen2 { get; set; }

    [JsonPropertyName("gc_pause_ms")] public double GcPauseMs { get; set; }

    [JsonPropertyName("gc_pause_ms_max_per_tick")] public double GcPauseMsMaxPerTick { get; set; }

    /// <summary>Bytes allocated by the whole process but the bench's sampler thread.</summary>
    [JsonPropertyName("allocated_bytes")] public long AllocatedBytes { get; set; }

    [JsonPropertyName("allocated_bytes_per_s")] public double AllocatedBytesPerSecond { get; set; }

    /// <summary>Methods the JIT compiled during the phase (tier-up of code first run by saving included).</summary>
    [JsonPropertyName("jit_methods")] public long JitMethods { get; set; }

    [JsonPropertyName("jit_ms")] public double JitMs { get; set; }

    [JsonPropertyName("tick_thread_cpu_ms")] public double TickThreadCpuMs { get; set; }

    /// <summary>Time the tick thread was runnable but had no core.</summary>
    [JsonPropertyName("tick_thread_runqueue_wait_ms")] public double TickThreadRunQueueWaitMs { get; set; }

    [JsonPropertyName("runnable_threads_mean")] public double RunnableThreadsMean { get; set; }

    [JsonPropertyName("runnable_threads_max")] public int RunnableThreadsMax { get; set; }

    [JsonPropertyName("machine_runnable_mean")] public double MachineRunnableMean { get; set; }

    [JsonPropertyName("machine_runnable_max")] public int MachineRunnableMax { get; set; }

    /// <summary>CPU time per thread name of this process during the phase (10 ms resolution).</summary>
    [JsonPropertyName("cpu_ms_by_thread")] public Dictionary<string, double> CpuMsByThread { get; set; } = [];

    /// <summary>CPU time of the store's own process (Azurite) during the phase; 0 for the folder.</summary>
    [JsonPropertyName("store_process_cpu_ms")] public double StoreProcessCpuMs { get; set; }

    /// <summary>The report of a phase from its tick durations, per-tick GC pauses and counters.</summary>
    public static PhaseReport From(IReadOnlyList<double> ticks, IReadOnlyList<double> gcPauseMs, double slowThresholdMs, ProcessCounters counters, TimeSpan wall, RunnableThreadSampler sampler, string phase)
    {
        var slow = 0;
        var slowWithGc = 0;
        for (var i = 0; i < ticks.Count; i++)
        {
            if (ticks[i] <= slowThresholdMs) continue;
            slow++;
            if (gcPauseMs[i] > 0) slowWithGc++;
        }

        var (processMean, processMax, machineMean, machineMax, samplerBytes) = sampler.Of(phase);
        var allocated = counters.AllocatedBytes - samplerBytes;
        return new PhaseReport
        {
            Seconds = Math.Round(wall.TotalSeconds, 3),
            Ticks = ticks.Count,
            TickMsP99 = Stats.Percentile(ticks, 0.99),
            TickMsMax = Stats.Max(ticks),
            SlowTicks = slow,
            SlowTicksWithGc = slowWithGc,
            GcGen0 = counters.Gen0Only,
            GcGen1 = counters.Gen1Only,
            GcGen2 = counters.Collections2,
            GcPauseMs = Math.Round(counters.GcPause.TotalMilliseconds, 3),
            GcPauseMsMaxPerTick = Math.Round(Stats.Max(gcPauseMs), 3),
            AllocatedBytes = allocated,
            AllocatedBytesPerSecond = wall > TimeSpan.Zero ? Math.Round(allocated / wall.TotalSeconds) : 0,
            JitMethods = counters.JitMethods,
            JitMs = Math.Round(counters.JitTime.TotalMilliseconds, 1),
            TickThreadCpuMs = Math.Round(counters.ThreadCpu.TotalMilliseconds, 1),
            TickThreadRunQueueWaitMs = Math.Round(counters.ThreadRunQueueWait.TotalMilliseconds, 1),
            RunnableThreadsMean = Math.Round(processMean, 3),
            RunnableThreadsMax = processMax,
            MachineRunnableMean = Math.Round(machineMean, 3),
            MachineRunnableMax = machineMax,
        };
    }
}
