namespace GameServer.Bench.Probes;

/// <summary>
/// Counts, every <see cref="Period"/>, this process's threads that are runnable (state R: on a core or
/// waiting for one) and the machine's runnable tasks (<c>procs_running</c> of <c>/proc/stat</c>), and keeps
/// the mean and maximum per phase; its own thread is not counted. Linux only (zeros elsewhere).
/// </summary>
/// <remarks>
/// More runnable threads than cores means the tick thread can be kept waiting for a core. The sampler
/// allocates little (a file handle per read, a thread listing a second), and reports how much, so the phase's
/// allocation can leave it out.
/// </remarks>
public sealed class RunnableThreadSampler : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private volatile string? _phase;

    public RunnableThreadSampler()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "bench-sampler" };
        _thread.Start();
    }

    /// <summary>The phase the next samples count towards (null: none).</summary>
    public string? Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>
    /// Mean and maximum runnable threads of this process, and of the machine, over the phase's samples, and
    /// the bytes the sampler itself allocated meanwhile (to subtract from the process's).
    /// </summary>
    public (double ProcessMean, int ProcessMax, double MachineMean, int MachineMax, long OwnAllocatedBytes) Of(string phase)
    {
        lock (_tallies)
        {
            if (!_tallies.TryGetValue(phase, out var t) || t.Samples == 0) return (0, 0, 0, 0, 0);
            return ((double)t.ProcessSum / t.Samples, t.ProcessMax, (double)t.MachineSum / t.Samples, t.MachineMax, t.OwnAllocatedBytes);
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Sample()
    {
        if (!Directory.Exists("/proc/self/task")) return;
        var self = Path.GetFileName(new FileInfo("/proc/thread-self").LinkTarget ?? "");
        var buffer = new byte[4096];
        var tasks = new List<string>();
        var listed = 0L;
        while (!_stop.Wait(Period))
        {
            var phase = _phase;
            if (phase is null) continue;
            var allocated = GC.GetAllocatedBytesForCurrentThread();

            // The thread list changes rarely (pool threads come and go): listed once a second, so that
            // sampling itself allocates little and does not add garbage collections to what it measures.
            if (Environment.TickCount64 - listed > 1000)
            {
                tasks.Clear();
                foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
                {
                    if (Path.GetFileName(task) != self) tasks.Add(Path.Combine(task, "stat"));
                }

                listed = Environment.TickCount64;
            }

            var process = RunnableThreads(tasks, buffer);
            var machine = MachineRunnable(buffer) - 1; // minus this sampler, which is running
            lock (_tallies)
            {
                var t = _tallies.GetValueOrDefault(phase) ?? new Tally();
                t.Samples++;
                t.ProcessSum += process;
                t.ProcessMax = Math.Max(t.ProcessMax, process);
                t.MachineSum += machine;
                t.MachineMax = Math.Max(t.MachineMax, machine);
                t.OwnAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
                _tallies[phase] = t;
            }
        }
    }

    private static int RunnableThreads(List<string> stats, byte[] buffer)
    {
        var count = 0;
        foreach (var stat in stats)
        {
            var n = ReadInto(stat, buffer);
            var text = buffer.AsSpan(0, n);
            var close = text.LastIndexOf((byte)')');
            if (close >= 0 && close + 2 < n && text[close + 2] == (byte)'R') count++;
        }

        return count;
    }

    private static int MachineRunnable(byte[] buffer)
    {
        var text = buffer.AsSpan(0, ReadInto("/proc/stat", buffer));
        var at = text.IndexOf("procs_running "u8);
        if (at < 0) return 0;
        var value = 0;
        for (var i = at + 14; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++) value = (value * 10) + (text[i] - '0');
        return value;
    }

    // Reads the start of a /proc file into the buffer (0 bytes if the thread has ended).
    private static int ReadInto(string path, byte[] buffer)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            var total = 0;
            int n;
            while (total < buffer.Length && (n = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0) total += n;
            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private sealed class Tally
    {
        public int Samples;
        public long ProcessSum;
        public int ProcessMax;
        public long MachineSum;
        public int MachineMax;
        public long OwnAllocatedBytes;
    }
}
