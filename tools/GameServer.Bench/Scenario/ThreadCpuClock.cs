using System.Globalization;

namespace GameServer.Bench.Scenario;

/// <summary>
/// CPU time actually consumed by this process's threads of a given name (Linux), read from
/// <c>/proc/self/task/TID/schedstat</c> (nanoseconds on the CPU) or, where that is missing,
/// <c>/proc/self/task/TID/stat</c> (utime + stime in clock ticks).
/// </summary>
/// <remarks>
/// Measures what the autosave costs a core, unlike busy wall time, which also counts time the thread sat
/// runnable but descheduled or blocked in fsync. Thread names are the kernel's (at most 15 characters).
/// </remarks>
public static class ThreadCpuClock
{
    // USER_HZ: the unit of utime/stime in /proc; 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    /// <summary>Whether per-thread CPU time can be read here.</summary>
    public static bool Available => Directory.Exists("/proc/self/task");

    /// <summary>Total CPU time of every live thread of this process whose name starts with <paramref name="namePrefix"/>.</summary>
    public static TimeSpan Of(string namePrefix)
    {
        var total = TimeSpan.Zero;
        if (!Available) return total;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n').StartsWith(namePrefix, StringComparison.Ordinal)) continue;
                total += Read(task);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended between listing and reading: it no longer counts.
            }
        }

        return total;
    }

    /// <summary>CPU time of the calling thread so far (zero where it cannot be read).</summary>
    /// <remarks>On a machine shared with other work, a single-threaded step's CPU time is its cost; its wall time also counts waiting for a core.</remarks>
    public static TimeSpan CurrentThread()
    {
        try
        {
            return Available ? Read("/proc/thread-self") : TimeSpan.Zero;
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    private static TimeSpan Read(string task)
    {
        var schedstat = Path.Combine(task, "schedstat");
        if (File.Exists(schedstat))
        {
            var first = File.ReadAllText(schedstat).Split(' ', 2)[0];
            return TimeSpan.FromTicks(long.Parse(first, CultureInfo.InvariantCulture) / 100);
        }

        return FromStat(File.ReadAllText(Path.Combine(task, "stat")));
    }

    /// <summary>utime + stime of one <c>stat</c> line (fields 14 and 15, counted after the parenthesised name, which may hold spaces).</summary>
    public static TimeSpan FromStat(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime 15.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }
}
