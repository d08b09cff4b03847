using System.Collections.Concurrent;
using System.Globalization;
using GameServer.Persistence.Autosave;

namespace GameServer.Persistence.AzureBlob;

/// <summary>
/// Dedicated threads, each lowered below the process's priority like the autosave thread, on which blocks are
/// staged with the SDK's synchronous calls: the checksum, the request and the socket copies of an upload then
/// run at the lower priority instead of on the thread pool at the tick thread's.
/// </summary>
/// <remarks>
/// One set per nice increment for the whole process, grown to the largest parallelism asked for (capped); the
/// threads are background threads that idle on an empty queue. A new thread starts at its creator's nice
/// value, so stores start theirs when constructed (on the host's thread), not from an already lowered one.
/// </remarks>
internal sealed class LoweredUploadThreads
{
    private const int MaxThreads = 16;
    private static readonly ConcurrentDictionary<int, LoweredUploadThreads> ByNice = new();
    private readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> _queue = [];
    private readonly int _nice;
    private readonly Lock _gate = new();
    private int _threads;
    private volatile string? _problem;

    private LoweredUploadThreads(int nice)
    {
        _nice = nice;
    }

    /// <summary>Why the threads could not be lowered (not Linux, libc refused); null while they are, or none has started.</summary>
    public string? Problem => _problem;

    /// <summary>The threads for nice increment <paramref name="nice"/> (0: the process's own priority).</summary>
    public static LoweredUploadThreads For(int nice) => ByNice.GetOrAdd(nice, n => new LoweredUploadThreads(n));

    /// <summary>Starts threads until there are <paramref name="count"/> (at most 16), each lowered as it starts.</summary>
    public void EnsureThreads(int count)
    {
        lock (_gate)
        {
            while (_threads < Math.Min(count, MaxThreads))
            {
                new Thread(Serve) { IsBackground = true, Name = string.Create(CultureInfo.InvariantCulture, $"blob-upload+{_nice}") }.Start();
                _threads++;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of at least <paramref name="parallelism"/> threads; the task ends with it.</summary>
    public Task Run(Action work, int parallelism)
    {
        EnsureThreads(parallelism);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((work, done));
        return done.Task;
    }

    private void Serve()
    {
        if (_nice > 0 && BackgroundNice.LowerCurrentThread(_nice, out var problem) is null) _problem = problem;
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}
