using System.Globalization;
using GameServer.Bench.Scenario;

namespace GameServer.Bench.Probes;

/// <summary>
/// CPU time so far of this process's threads grouped by kernel thread name (".NET TP Worker",
/// "autosave-writer", ...), and of another process with its children (the store's own process), so a
/// phase can show who used the cores the tick thread waited for. Linux only (empty elsewhere).
/// </summary>
public static class ThreadCpuTable
{
    /// <summary>CPU time per thread name of this process.</summary>
    public static Dictionary<string, TimeSpan> OfThisProcess()
    {
        var table = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (!ThreadCpuClock.Available) return table;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                table[name] = table.GetValueOrDefault(name) + ThreadCpuClock.FromStat(File.ReadAllText(Path.Combine(task, "stat")));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended between listing and reading.
            }
        }

        return table;
    }

    /// <summary>CPU time of process <paramref name="pid"/> and its descendants (zero once it is gone).</summary>
    public static TimeSpan OfProcessTree(int pid)
    {
        var total = TimeSpan.Zero;
        try
        {
            total += ThreadCpuClock.FromStat(File.ReadAllText($"/proc/{pid}/stat"));
            foreach (var child in File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                total += OfProcessTree(int.Parse(child, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or not ours to read.
        }

        return total;
    }

    /// <summary>Per name, the CPU milliseconds spent between two tables (names with less than 1 ms left out).</summary>
    public static Dictionary<string, double> Difference(Dictionary<string, TimeSpan> end, Dictionary<string, TimeSpan> start)
    {
        var ms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, cpu) in end)
        {
            var spent = (cpu - start.GetValueOrDefault(name)).TotalMilliseconds;
            if (spent >= 1) ms[name] = Math.Round(spent);
        }

        return ms;
    }
}
