using System.Diagnostics;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Writing;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameServer.Persistence.Autosave;

/// <summary>
/// The autosave task: the tick thread fixes a capture point between ticks (<see cref="OnBetweenTicks"/>);
/// a dedicated background thread copies the owed chunks, encodes, writes and applies retention, then
/// returns the snapshot to the pool.
/// </summary>
/// <remarks>
/// Phases: Idle -> Capture point (tick thread, tens of microseconds) -> Copy (autosave thread, while the
/// game sleeps; the game's own writes copy a still-owed chunk first) -> Encode -> Commit -> Idle.
/// At most one save is in flight; requests made meanwhile wait for the next capture, identical pending
/// requests merge, and when no pooled snapshot is free the capture is retried on a later tick. Failures
/// are logged and shown in <see cref="GetStatus"/>; the game never stops for them.
/// <see cref="OnBetweenTicks"/> allocates nothing in steady state.
/// </remarks>
public sealed partial class AutosaveService : IDisposable
{
    private readonly AutosaveOptions _options;
    private readonly SnapshotPool _pool;
    private readonly ISaveStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SnapshotEncoder _encoder;
    private readonly SaveWriter _writer;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _work = new(0);
    private readonly SaveJob _job = new();
    private readonly object _gate = new();
    private readonly List<PendingSave> _pending = [];
    private readonly Dictionary<string, bool> _verified = new(StringComparer.Ordinal);

    private volatile bool _inFlight;
    private volatile bool _enabled;
    private volatile bool _stopping;
    private volatile int _pendingCount;
    private long _intervalTicks;
    private int _keepLatest;
    private long _nextDueTimestamp;
    private bool _dueWhileInFlightCounted;
    private long _skipped;
    private long _coalesced;

    // Status fields below are guarded by _gate.
    private SaveResult? _lastResult;
    private SaveResult? _lastSuccess;
    private int _consecutiveFailures;
    private long _completed;
    private long _failed;

    /// <summary>Creates the service and starts its writer thread; removes stale temp files first.</summary>
    public AutosaveService(AutosaveOptions options, SnapshotPool pool, ISaveStorage storage, TimeProvider? time = null, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        _encoder = new SnapshotEncoder(options.Codec);
        _writer = new SaveWriter(storage, options.FreeSpaceMarginBytes);
        _enabled = options.Enabled;
        _intervalTicks = options.Interval.Ticks;
        _keepLatest = options.Retention.KeepLatest;
        _nextDueTimestamp = _time.GetTimestamp() + ToTimestampTicks(options.Interval);

        RemoveStaleTempFiles();
        _thread = new Thread(RunWriter) { IsBackground = true, Name = "autosave-writer" };
        _thread.Start();
    }

    /// <summary>Where saves are written.</summary>
    public string Location => _storage.Location;

    /// <summary>Suspends scheduled autosaves (save-off); on-demand saves still work.</summary>
    public void Suspend() => _enabled = false;

    /// <summary>Resumes scheduled autosaves (save-on); an overdue one runs at the next tick.</summary>
    public void Resume() => _enabled = true;

    /// <summary>Whether scheduled autosaves run.</summary>
    public bool Enabled => _enabled;

    /// <summary>Whether a save is under way: being copied, encoded or written on the autosave thread.</summary>
    public bool InFlight => _inFlight;

    /// <summary>Raised on the writer thread after every save attempt, success or failure.</summary>
    /// <remarks>Handlers run on the autosave thread; they must be quick and must not touch the world.</remarks>
    public event Action<SaveResult>? SaveCompleted;

    /// <summary>Changes the autosave interval; the next save is due one interval from now.</summary>
    public void SetInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interlocked.Exchange(ref _intervalTicks, interval.Ticks);
        Interlocked.Exchange(ref _nextDueTimestamp, _time.GetTimestamp() + ToTimestampTicks(interval));
    }

    /// <summary>Changes how many newest autosaves retention keeps.</summary>
    public void SetKeepLatest(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        Volatile.Write(ref _keepLatest, keep);
    }

    /// <summary>
    /// Asks for a save at the next tick boundary (or right after the one in flight). Any thread.
    /// The task completes with the result, success or failure; it never faults.
    /// </summary>
    public Task<SaveResult> RequestSave(SaveKind kind = SaveKind.Manual, string? label = null)
    {
        if (!string.IsNullOrEmpty(label) && SaveNames.ValidateLabel(label) is { } problem)
            return Task.FromResult(SaveResult.Rejected(kind, "bad label: " + problem));
        if (_stopping) return Task.FromResult(SaveResult.Rejected(kind, "the autosave service is stopped"));

        var waiter = new TaskCompletionSource<SaveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var same = _pending.Find(p => p.Kind == kind && string.Equals(p.Label, label ?? "", StringComparison.Ordinal));
            if (same is not null)
            {
                same.Waiters.Add(waiter);
                Interlocked.Increment(ref _coalesced);
            }
            else
            {
                _pending.Add(new PendingSave(kind, label ?? "", [waiter]));
                _pendingCount = _pending.Count;
            }
        }

        return waiter.Task;
    }

    /// <summary>
    /// Call on the tick thread between two ticks: captures and hands off a snapshot when a request is
    /// pending or the schedule is due and nothing is in flight. Cheap when there is nothing to do.
    /// </summary>
    public void OnBetweenTicks(GameWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (_stopping) return;
        var now = _time.GetTimestamp();
        var scheduledDue = _enabled && now >= Interlocked.Read(ref _nextDueTimestamp);
        if (_inFlight)
        {
            if (scheduledDue && !_dueWhileInFlightCounted)
            {
                _dueWhileInFlightCounted = true;
                Interlocked.Increment(ref _coalesced);
            }

            return;
        }

        if (_pendingCount == 0 && !scheduledDue) return;

        // The pause the game sees: fix the capture point. The autosave thread copies the owed chunks
        // while the game sleeps; a chunk the game writes first is copied just before that write.
        var started = Stopwatch.GetTimestamp();
        if (!_pool.TryBeginCapture(world, _time.GetUtcNow().UtcDateTime, out var snapshot))
        {
            Interlocked.Increment(ref _skipped);
            return;
        }

        var captureDuration = Stopwatch.GetElapsedTime(started);
        PendingSave? request = null;
        if (_pendingCount > 0)
        {
            lock (_gate)
            {
                request = _pending[0];
                _pending.RemoveAt(0);
                _pendingCount = _pending.Count;
            }
        }

        if (request is null || request.Kind == SaveKind.Auto)
        {
            // A scheduled save, or an on-demand autosave, restarts the interval.
            Interlocked.Exchange(ref _nextDueTimestamp, now + ToTimestampTicks(TimeSpan.FromTicks(Interlocked.Read(ref _intervalTicks))));
        }

        _dueWhileInFlightCounted = false;
        _job.Snapshot = snapshot;
        _job.Request = request;
        _job.CaptureDuration = captureDuration;
        _inFlight = true;
        _work.Release();
    }

    /// <summary>
    /// Saves now from the (idle) tick thread and waits for the result: for shutdown, after the loop has
    /// stopped. Lets an in-flight save finish first.
    /// </summary>
    public SaveResult SaveAndWait(GameWorld world, SaveKind kind, string? label, TimeSpan timeout)
    {
        var task = RequestSave(kind, label);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!task.IsCompleted)
        {
            if (Stopwatch.GetTimestamp() > deadline) return SaveResult.Rejected(kind, $"save did not finish within {timeout.TotalSeconds:0.#} s");
            OnBetweenTicks(world);
            task.Wait(TimeSpan.FromMilliseconds(5));
        }

        return task.Result;
    }

    /// <summary>The current status; <paramref name="currentTick"/> gives ticks since the last success.</summary>
    public AutosaveStatus GetStatus(long currentTick)
    {
        lock (_gate)
        {
            var remaining = Interlocked.Read(ref _nextDueTimestamp) - _time.GetTimestamp();
            return new AutosaveStatus
            {
                Enabled = _enabled,
                Interval = TimeSpan.FromTicks(Interlocked.Read(ref _intervalTicks)),
                KeepLatest = Volatile.Read(ref _keepLatest),
                NextDueUtc = _enabled ? _time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Max(0, remaining) / (double)_time.TimestampFrequency) : null,
                InFlight = _inFlight,
                TicksSinceLastSuccess = _lastSuccess is null ? null : Math.Max(0, currentTick - _lastSuccess.Tick), // a rollback can move the tick back
                LastResult = _lastResult,
                LastSuccess = _lastSuccess,
                ConsecutiveFailures = _consecutiveFailures,
                Skipped = Interlocked.Read(ref _skipped),
                Coalesced = Interlocked.Read(ref _coalesced),
                SavesCompleted = _completed,
                SavesFailed = _failed,
            };
        }
    }

    /// <summary>Stops the writer thread after the save in flight (if any); pending requests are rejected.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _work.Release();
        _thread.Join();

        List<PendingSave> abandoned;
        lock (_gate)
        {
            abandoned = [.. _pending];
            _pending.Clear();
            _pendingCount = 0;
        }

        foreach (var request in abandoned)
        {
            foreach (var waiter in request.Waiters) waiter.TrySetResult(SaveResult.Rejected(request.Kind, "the autosave service stopped before this save ran"));
        }

        _encoder.Dispose();
        _work.Dispose();
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void RunWriter()
    {
        while (true)
        {
            _work.Wait();
            if (_inFlight) Process(_job);
            else if (_stopping) return;
        }
    }

    private void Process(SaveJob job)
    {
        var snapshot = job.Snapshot!;
        var kind = job.Request?.Kind ?? SaveKind.Auto;
        var label = job.Request?.Label ?? "";
        SaveResult result;
        try
        {
            var copyStart = Stopwatch.GetTimestamp();
            snapshot.ContinueCapture(long.MaxValue);
            var copyDuration = Stopwatch.GetElapsedTime(copyStart);

            var encodeStart = Stopwatch.GetTimestamp();
            var encoded = _encoder.Encode(snapshot, _options.WorldName, kind == SaveKind.Auto ? "auto" : "manual", label, _options.Writer);
            var encodeDuration = Stopwatch.GetElapsedTime(encodeStart);

            var name = kind == SaveKind.Auto
                ? SaveNames.Auto(snapshot.CapturedAtUtc, snapshot.Tick)
                : SaveNames.Manual(label, snapshot.CapturedAtUtc, snapshot.Tick);
            var writeStart = Stopwatch.GetTimestamp();
            var path = _writer.Write(encoded, name);
            var writeDuration = Stopwatch.GetElapsedTime(writeStart);

            result = new SaveResult
            {
                Succeeded = true,
                Kind = kind,
                Path = path,
                Tick = snapshot.Tick,
                Entities = snapshot.Count,
                CapturedAtUtc = snapshot.CapturedAtUtc,
                CaptureDuration = job.CaptureDuration,
                CopyDuration = copyDuration,
                CaptureCopiedBytes = snapshot.LastCopiedBytes,
                EncodeDuration = encodeDuration,
                WriteDuration = writeDuration,
                RawBytes = encoded.RawBytes,
                StoredBytes = encoded.FileLength,
            };
            LogSaved(result.Path!, result.Tick, result.Entities, result.CaptureDuration.TotalMilliseconds, result.CopyDuration.TotalMilliseconds, result.CaptureCopiedBytes, result.EncodeDuration.TotalMilliseconds,
                result.WriteDuration.TotalMilliseconds, result.RawBytes, result.StoredBytes, result.Ratio);
            if (kind == SaveKind.Auto) ApplyRetention();
        }
        catch (Exception e)
        {
            result = new SaveResult
            {
                Succeeded = false,
                Kind = kind,
                Tick = snapshot.Tick,
                Entities = snapshot.Count,
                CapturedAtUtc = snapshot.CapturedAtUtc,
                CaptureDuration = job.CaptureDuration,
                Error = e.Message,
            };
            LogSaveFailed(snapshot.Tick, e.Message);
        }
        finally
        {
            job.Snapshot = null;
            snapshot.Dispose();
        }

        lock (_gate)
        {
            _lastResult = result;
            if (result.Succeeded)
            {
                _lastSuccess = result;
                _consecutiveFailures = 0;
                _completed++;
            }
            else
            {
                _consecutiveFailures++;
                _failed++;
            }
        }

        try
        {
            SaveCompleted?.Invoke(result);
        }
        catch (Exception e)
        {
            // A subscriber's bug must not kill the writer thread.
            LogSubscriberFailed(e.Message);
        }

        var request = job.Request;
        job.Request = null;
        _inFlight = false;
        if (request is not null)
        {
            foreach (var waiter in request.Waiters) waiter.TrySetResult(result);
        }
    }

    private void ApplyRetention()
    {
        try
        {
            var autosaves = new List<RetentionCandidate>();
            var files = _storage.ListFiles();
            foreach (var file in files)
            {
                if (!SaveNames.TryParse(file, out var name) || name.Kind != SaveKind.Auto) continue;
                if (!_verified.TryGetValue(file, out var ok))
                {
                    var problem = SaveVerifier.Verify(_storage.PathOf(file));
                    ok = problem is null;
                    _verified[file] = ok;
                    if (!ok) LogUnverified(file, problem!.Message);
                }

                autosaves.Add(new RetentionCandidate(file, name.CapturedAtUtc, ok));
            }

            var policy = _options.Retention with { KeepLatest = Volatile.Read(ref _keepLatest) };
            foreach (var file in RetentionPlanner.SelectDeletions(autosaves, policy, _time.GetUtcNow().UtcDateTime))
            {
                _storage.Delete(file);
                _verified.Remove(file);
                LogRotated(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRetentionFailed(e.Message);
        }
    }

    private void RemoveStaleTempFiles()
    {
        try
        {
            foreach (var file in _storage.ListFiles())
            {
                if (!SaveNames.IsTemp(file)) continue;
                _storage.Delete(file);
                LogStaleTemp(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRetentionFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "saved {File} tick={Tick} entities={Entities} pause={CaptureMs:0.###}ms copy={CopyMs:0.###}ms copied={Copied} encode={EncodeMs:0.#}ms write={WriteMs:0.#}ms raw={Raw} stored={Stored} ratio={Ratio:0.00}")]
    private partial void LogSaved(string file, long tick, int entities, double captureMs, double copyMs, long copied, double encodeMs, double writeMs, long raw, long stored, double ratio);

    [LoggerMessage(Level = LogLevel.Error, Message = "save of tick {Tick} failed: {Reason}; earlier saves are untouched, the next interval tries again")]
    private partial void LogSaveFailed(long tick, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "autosave {File} does not verify and is not counted by retention: {Reason}")]
    private partial void LogUnverified(string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "retention removed {File}")]
    private partial void LogRotated(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "retention failed: {Reason}")]
    private partial void LogRetentionFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a SaveCompleted handler failed: {Reason}")]
    private partial void LogSubscriberFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "removed stale temp file {File} left by an interrupted save")]
    private partial void LogStaleTemp(string file);

    private sealed record PendingSave(SaveKind Kind, string Label, List<TaskCompletionSource<SaveResult>> Waiters);

    /// <summary>The one hand-off slot between tick thread and writer (reused: no allocation per save).</summary>
    private sealed class SaveJob
    {
        public WorldSnapshot? Snapshot { get; set; }

        public PendingSave? Request { get; set; }

        public TimeSpan CaptureDuration { get; set; }
    }
}
