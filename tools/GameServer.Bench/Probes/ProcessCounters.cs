using System.Globalization;

namespace GameServer.Bench.Probes;

/// <summary>
/// Process-wide counters at one moment, read on the tick thread between ticks: garbage collections per
/// generation, the runtime's total GC pause, bytes allocated by every thread, methods compiled by the JIT, and the calling (tick)
/// thread's CPU time and run-queue wait. The difference of two readings is what happened in between.
/// </summary>
/// <remarks>
/// Run-queue wait is the time the thread was runnable but had no core (the second field of
/// <c>/proc/thread-self/schedstat</c>): it rises when other threads or processes compete for the CPU, while
/// a GC pause shows as pause time. Zero where schedstat is missing.
/// </remarks>
public readonly record struct ProcessCounters(int Collections0, int Collections1, int Collections2, TimeSpan GcPause, long AllocatedBytes, TimeSpan ThreadCpu, TimeSpan ThreadRunQueueWait, long JitMethods, TimeSpan JitTime)
{
    /// <summary>Reads the counters now; the thread figures are the calling thread's.</summary>
    public static ProcessCounters Read()
    {
        var (cpu, wait) = ThreadSchedStat();
        return new ProcessCounters(
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            GC.GetTotalAllocatedBytes(precise: false), cpu, wait,
            System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
    }

    /// <summary>What happened between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static ProcessCounters operator -(ProcessCounters end, ProcessCounters start) => new(
        end.Collections0 - start.Collections0, end.Collections1 - start.Collections1, end.Collections2 - start.Collections2,
        end.GcPause - start.GcPause, end.AllocatedBytes - start.AllocatedBytes, end.ThreadCpu - start.ThreadCpu,
        end.ThreadRunQueueWait - start.ThreadRunQueueWait, end.JitMethods - start.JitMethods, end.JitTime - start.JitTime);

    /// <summary>The sum of two spans' counts (phases measured in several rounds).</summary>
    public static ProcessCounters operator +(ProcessCounters a, ProcessCounters b) => new(
        a.Collections0 + b.Collections0, a.Collections1 + b.Collections1, a.Collections2 + b.Collections2,
        a.GcPause + b.GcPause, a.AllocatedBytes + b.AllocatedBytes, a.ThreadCpu + b.ThreadCpu,
        a.ThreadRunQueueWait + b.ThreadRunQueueWait, a.JitMethods + b.JitMethods, a.JitTime + b.JitTime);

    /// <summary>Collections of generation 0 only (a gen1 or gen2 collection also counts in generation 0's total).</summary>
    public int Gen0Only => Collections0 - Collections1;

    /// <summary>Collections of generation 1 only.</summary>
    public int Gen1Only => Collections1 - Collections2;

    private static (TimeSpan Cpu, TimeSpan Wait) ThreadSchedStat()
    {
        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return (Nanoseconds(fields[0]), Nanoseconds(fields[1]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }
    }

    private static TimeSpan Nanoseconds(string text) => TimeSpan.FromTicks(long.Parse(text, CultureInfo.InvariantCulture) / 100);
}
