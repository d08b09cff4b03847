using System.Diagnostics;
using System.Globalization;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameServer.Persistence.Autosave;

/// <summary>
/// The autosave task: the tick thread fixes a capture point between ticks (<see cref="OnBetweenTicks"/>);
/// a dedicated background thread copies the owed chunks, encodes, commits and applies retention, then
/// returns the snapshot to the pool.
/// </summary>
/// <remarks>
/// A façade over small parts: <see cref="AutosaveSchedule"/> (when), <see cref="SaveRequestQueue"/> (on-demand
/// saves), <see cref="InFlightSave"/> (the hand-off slot and its <see cref="AutosavePhase"/>),
/// <see cref="SavePipeline"/> (copy, encode, commit), <see cref="RetentionRunner"/> and
/// <see cref="AutosaveCounters"/>. At most one save is in flight; requests made meanwhile wait for the next
/// capture, identical pending requests merge, and when no pooled snapshot is free the capture is retried on a
/// later tick. Failures are logged and shown in <see cref="GetStatus"/>; the game never stops for them.
/// <see cref="OnBetweenTicks"/> allocates nothing in steady state.
/// </remarks>
public sealed partial class AutosaveService : IDisposable
{
    /// <summary>How long <see cref="SaveAndWait"/> waits before retrying a capture that found no free pooled snapshot (the pool has no signal).</summary>
    private static readonly TimeSpan CaptureRetryDelay = TimeSpan.FromMilliseconds(5);

    private readonly SnapshotPool _pool;
    private readonly ISaveStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AutosaveSchedule _schedule;
    private readonly SaveRequestQueue _requests = new();
    private readonly InFlightSave _save = new();
    private readonly SavePipeline _pipeline;
    private readonly RetentionRunner _retention;
    private readonly AutosaveCounters _counters = new();
    private readonly Thread _thread;
    private readonly long _marginSetting;
    private readonly int _saveThreadNice;
    private volatile bool _stopping;
    private volatile string? _spaceWarning;
    private volatile string? _threadPriority;
    private long _effectiveMargin = -1;
    private bool _failedSinceCleanup;

    /// <summary>Creates the service and starts its writer thread; removes stale temp files first.</summary>
    public AutosaveService(AutosaveOptions options, SnapshotPool pool, ISaveStore store, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _schedule = new AutosaveSchedule(_time, options.Interval, options.Enabled);
        var (identity, nextSequence) = History(options, store);
        _retention = new RetentionRunner(store, options.Retention, _time, _logger, identity);
        _pipeline = new SavePipeline(options, identity, nextSequence, store, _logger, _retention.FreeRoom);
        _marginSetting = options.FreeSpaceMarginBytes;
        _saveThreadNice = options.SaveThreadNice;
        Identity = identity;

        _retention.RemoveStaleTempFiles();
        _thread = new Thread(RunWriter) { IsBackground = true, Name = "autosave-writer" };
        _thread.Start();
    }

    /// <summary>The world whose saves this service writes (name and id, recorded in every header).</summary>
    public WorldIdentity Identity { get; }

    /// <summary>Where saves are written.</summary>
    public string Location => _store.Location;

    /// <summary>Suspends scheduled autosaves (save-off); on-demand saves still work.</summary>
    public void Suspend() => _schedule.Enabled = false;

    /// <summary>Resumes scheduled autosaves (save-on); an overdue one runs at the next tick.</summary>
    public void Resume() => _schedule.Enabled = true;

    /// <summary>Whether scheduled autosaves run.</summary>
    public bool Enabled => _schedule.Enabled;

    /// <summary>Whether a save is under way: being copied, encoded or committed on the autosave thread, or its retention running.</summary>
    public bool InFlight => _save.InFlight;

    /// <summary>Raised on the writer thread after every save attempt, success or failure.</summary>
    /// <remarks>Handlers run on the autosave thread; they must be quick and must not touch the world.</remarks>
    public event Action<SaveResult>? SaveCompleted;

    /// <summary>Tests observe (and can hold) each phase as it is entered, on the thread that enters it.</summary>
    internal Action<AutosavePhase>? PhaseEntered
    {
        set => _save.PhaseEntered = value;
    }

    /// <summary>Changes the autosave interval; the next save is due one interval from now.</summary>
    public void SetInterval(TimeSpan interval) => _schedule.SetInterval(interval);

    /// <summary>Changes how many newest autosaves retention keeps.</summary>
    public void SetKeepLatest(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        _retention.KeepLatest = keep;
    }

    /// <summary>
    /// Before the first save: the world was restored from the save <paramref name="fileName"/> and the pool kept
    /// that snapshot as its buffer (<see cref="SnapshotPool.Restore"/>), so the next autosave may be a delta
    /// against it. <paramref name="fullBytes"/> and <paramref name="deltaBytes"/>: the file bytes of its chain's
    /// full save and of the deltas up to it (for the full-save policy).
    /// </summary>
    public void ContinueChain(WorldSnapshot buffer, Guid saveId, string fileName, int chainIndex, long fullBytes, long deltaBytes)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (_save.InFlight) throw new InvalidOperationException("a save is in flight: a loaded base is only taken before the first save");
        _pipeline.ContinueChain(buffer, saveId, fileName, chainIndex, fullBytes, deltaBytes);
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

        var task = _requests.Add(kind, label ?? "", out var merged);
        if (merged) _counters.CountCoalesced();
        return task;
    }

    /// <summary>
    /// Asks for a save of the world as it is just before <paramref name="change"/>: at the next capture (as for
    /// <see cref="RequestSave"/>), <paramref name="change"/> runs on the tick thread right after the capture point
    /// is fixed and before the next tick, so the save holds exactly the state the change replaced and no tick
    /// falls between the two. Any thread. The task completes with the save's result and never faults; when the
    /// request is rejected (a bad label, the service stopped before its capture) the change never runs.
    /// </summary>
    /// <remarks>
    /// For a rollback: the <c>pre-rollback</c> save and the restore share one gap between ticks. The request is
    /// never merged with another, so the change runs exactly once. The change should not throw (its caller catches
    /// what it expects); anything that escapes is logged and the save goes on. Work the change does to the world
    /// runs on the tick thread: a restore first finishes copying what the capture still owes (the capture must see
    /// the world before the change), then copies the restored state in.
    /// </remarks>
    public Task<SaveResult> RequestSaveBefore(SaveKind kind, string? label, Action<GameWorld> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!string.IsNullOrEmpty(label) && SaveNames.ValidateLabel(label) is { } problem)
            return Task.FromResult(SaveResult.Rejected(kind, "bad label: " + problem));
        if (_stopping) return Task.FromResult(SaveResult.Rejected(kind, "the autosave service is stopped"));
        return _requests.Add(kind, label ?? "", change, out _);
    }

    /// <summary>
    /// Call on the tick thread between two ticks: captures and hands off a snapshot when a request is
    /// pending or the schedule is due and nothing is in flight. Cheap when there is nothing to do.
    /// </summary>
    public void OnBetweenTicks(GameWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (_stopping) return;
        var now = _schedule.Now();
        var scheduledDue = _schedule.IsDue(now);
        if (_save.InFlight)
        {
            if (scheduledDue && _schedule.CountDueWhileInFlight()) _counters.CountCoalesced();
            return;
        }

        if (_requests.Count == 0 && !scheduledDue) return;

        // The pause the game sees: fix the capture point. The autosave thread copies the owed chunks
        // while the game sleeps; a chunk the game writes first is copied just before that write.
        _save.Enter(AutosavePhase.Capture);
        var started = Stopwatch.GetTimestamp();
        var recordDifference = _pipeline.MayDelta(_requests.NextKind(), world.Schema);
        if (!_pool.TryBeginCapture(world, _time.GetUtcNow().UtcDateTime, recordDifference, out var snapshot))
        {
            _counters.CountSkipped();
            _save.Enter(AutosavePhase.Idle);
            return;
        }

        var captureDuration = Stopwatch.GetElapsedTime(started);
        var request = _requests.TryTake();
        _schedule.OnCaptured(now, restartInterval: request is null || request.Kind == SaveKind.Auto);

        // Before the hand-off, so the change has run by the time anyone learns the save's result.
        if (request?.ChangeAfterCapture is { } change) RunChange(change, world);
        _save.Hand(snapshot, request, captureDuration);
    }

    /// <summary>
    /// Saves now from the (idle) tick thread and waits for the result: for shutdown, after the loop has
    /// stopped. Lets an in-flight save finish first; a rejection if it all takes longer than <paramref name="timeout"/>.
    /// </summary>
    /// <remarks>
    /// Drives the capture itself (the loop is not running), then blocks on the writer thread's signal that the
    /// save in flight is done: first an earlier one, if any, then this one. Only when no pooled snapshot is free
    /// does it retry every few milliseconds, as later ticks would.
    /// </remarks>
    public SaveResult SaveAndWait(GameWorld world, SaveKind kind, string? label, TimeSpan timeout)
    {
        var task = RequestSave(kind, label);
        var started = Stopwatch.GetTimestamp();
        while (!task.IsCompleted)
        {
            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) return SaveResult.Rejected(kind, $"save did not finish within {timeout.TotalSeconds:0.#} s");
            OnBetweenTicks(world);
            if (_save.InFlight) _save.WaitUntilIdle(remaining);
            else task.Wait(remaining < CaptureRetryDelay ? remaining : CaptureRetryDelay);
        }

        return task.Result;
    }

    /// <summary>The current status; <paramref name="currentTick"/> gives ticks since the last success.</summary>
    public AutosaveStatus GetStatus(long currentTick) =>
        _counters.Describe(currentTick) with
        {
            Enabled = _schedule.Enabled,
            Interval = _schedule.Interval,
            KeepLatest = _retention.KeepLatest,
            NextDueUtc = _schedule.NextDueUtc(),
            InFlight = _save.InFlight,
            Phase = _save.Phase,
            FreeSpaceMarginBytes = Interlocked.Read(ref _effectiveMargin) is >= 0 and var margin ? margin : null,
            SpaceWarning = _spaceWarning,
            SaveThreadPriority = _threadPriority,
        };

    /// <summary>
    /// At start: whether the volume can hold one more save of about <paramref name="estimatedSaveBytes"/> plus the
    /// margin. When it cannot (the volume is too small for even one save, or too full for the next), logs a
    /// warning and shows it in <see cref="AutosaveStatus.SpaceWarning"/>; the server runs on regardless (a
    /// full disk is retried with retention making room). Returns the warning, or null when there is room.
    /// </summary>
    public string? CheckRoomForOneSave(long estimatedSaveBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedSaveBytes);
        try
        {
            var volume = _store.GetVolumeBytesAsync().GetAwaiter().GetResult();
            var free = _store.GetFreeBytesAsync().GetAwaiter().GetResult();
            var margin = Writing.FreeSpaceMargin.Effective(_marginSetting, volume);
            Interlocked.Exchange(ref _effectiveMargin, margin);
            string? warning = null;
            if (volume is { } size && size < estimatedSaveBytes + margin)
            {
                warning = $"the volume of {_store.Location} holds {Reading.ByteSize.Format(size)}, too small for even one save (about {Reading.ByteSize.Format(estimatedSaveBytes)}) plus the {Reading.ByteSize.Format(margin)} margin: saves will fail; give the saves a larger volume";
            }
            else if (free is { } available && available < estimatedSaveBytes + margin)
            {
                warning = $"only {Reading.ByteSize.Format(available)} free in {_store.Location}, less than one save (about {Reading.ByteSize.Format(estimatedSaveBytes)}) plus the {Reading.ByteSize.Format(margin)} margin: when a save fails for space, retention deletes old autosaves (never the newest verified one, never manual saves) and tries again; free some space";
            }

            _spaceWarning = warning;
            if (warning is not null) LogSpaceWarning(warning);
            return warning;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSpaceWarning($"cannot tell the free space of {_store.Location}: {e.Message}");
            return null;
        }
    }

    /// <summary>Stops the writer thread after the save in flight (if any); pending requests are rejected.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _save.Stop();
        _thread.Join();
        _requests.Close("the autosave service stopped before this save ran");
        _pipeline.Dispose();
        _save.Dispose();
    }

    /// <summary>The world's identity and the next save's sequence: from the options, else read from the store's headers.</summary>
    private static (WorldIdentity Identity, long NextSequence) History(AutosaveOptions options, ISaveStore store)
    {
        if (options is { WorldId: { } id, NextSequence: { } next }) return (new WorldIdentity(options.WorldName, id), next);
        IReadOnlyList<SaveEntry> listed;
        try
        {
            listed = SaveCatalog.ListAsync(store).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            listed = []; // an unreadable store fails its first save loudly; the sequence then starts at 1
        }

        var identity = options.WorldId is { } given ? new WorldIdentity(options.WorldName, given) : WorldIdentity.Resolve(options.WorldName, listed);
        return (identity, options.NextSequence ?? SaveCatalog.NextSequence(listed));
    }

    /// <summary>Runs a request's change on the tick thread; an exception that escapes it must not stop the ticks or the save.</summary>
    private void RunChange(Action<GameWorld> change, GameWorld world)
    {
        try
        {
            change(world);
        }
        catch (Exception e)
        {
            LogChangeFailed(e.Message);
        }
    }

    private void RunWriter()
    {
        LowerPriority();
        while (_save.WaitForWork())
        {
            var result = _pipeline.Run(_save);
            if (result.Succeeded && result.Kind == SaveKind.Auto)
            {
                _save.Enter(AutosavePhase.Retention);
                _retention.Run();
            }

            // A failed save may leave its temp file when even deleting it failed (EIO, EACCES): the first success after clears it.
            if (!result.Succeeded) _failedSinceCleanup = true;
            else if (_failedSinceCleanup)
            {
                _failedSinceCleanup = false;
                _retention.RemoveStaleTempFiles();
            }

            _counters.Record(result);
            try
            {
                SaveCompleted?.Invoke(result);
            }
            catch (Exception e)
            {
                // A subscriber's bug must not kill the writer thread.
                LogSubscriberFailed(e.Message);
            }

            _save.Finish(result);
        }
    }

    /// <summary>Lowers this (writer) thread's priority by the configured nice increment, and says so in the log; a failure is a warning, never fatal.</summary>
    private void LowerPriority()
    {
        if (_saveThreadNice <= 0)
        {
            _threadPriority = "not lowered (setting 0)";
            return;
        }

        if (BackgroundNice.LowerCurrentThread(_saveThreadNice, out var problem) is { } nice)
        {
            _threadPriority = string.Create(CultureInfo.InvariantCulture, $"nice {nice} (lowered by {_saveThreadNice})");
            LogWriterNice(nice);
        }
        else
        {
            _threadPriority = "not lowered: " + problem;
            LogWriterNiceFailed(problem ?? "unknown");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "autosave thread runs at nice {Nice}, below the tick thread")]
    private partial void LogWriterNice(int nice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not lower the autosave thread's priority ({Reason}): a save may delay ticks on a busy machine")]
    private partial void LogWriterNiceFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private partial void LogSpaceWarning(string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "the change requested after a save's capture failed: {Reason}")]
    private partial void LogChangeFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a SaveCompleted handler failed: {Reason}")]
    private partial void LogSubscriberFailed(string reason);
}
