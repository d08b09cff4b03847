using GameServer.World.Snapshots;

namespace GameServer.Persistence.Autosave;

/// <summary>The save under way: the one hand-off slot between the tick thread and the autosave thread, its phase, and the signals both sides wait on.</summary>
/// <remarks>
/// At most one save is in flight. The tick thread fills the slot only while <see cref="InFlight"/> is false
/// and the autosave thread clears it last, so each field has one owner at a time. Reused for every save and
/// free of allocation on the tick thread's side (a volatile write, a semaphore release, an event reset).
/// </remarks>
internal sealed class InFlightSave : IDisposable
{
    private readonly SemaphoreSlim _work = new(0);
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private volatile bool _inFlight;
    private volatile bool _stopping;
    private volatile AutosavePhase _phase;
    private WorldSnapshot? _snapshot;

    /// <summary>Whether a save occupies the slot (from hand-off until its requester has the result).</summary>
    public bool InFlight => _inFlight;

    /// <summary>The phase of the save in flight, or <see cref="AutosavePhase.Idle"/>.</summary>
    public AutosavePhase Phase => _phase;

    /// <summary>The on-demand request being saved, or null for a scheduled autosave.</summary>
    public SaveRequest? Request { get; private set; }

    /// <summary>The tick-thread pause that fixed the capture point.</summary>
    public TimeSpan CaptureDuration { get; private set; }

    /// <summary>Tests observe (and can hold) phases here; called on the thread that enters the phase.</summary>
    internal Action<AutosavePhase>? PhaseEntered { get; set; }

    /// <summary>Publishes <paramref name="phase"/>; only the thread that owns the save calls it.</summary>
    public void Enter(AutosavePhase phase)
    {
        _phase = phase;
        PhaseEntered?.Invoke(phase);
    }

    /// <summary>Tick thread, slot empty: hands a captured snapshot to the autosave thread.</summary>
    public void Hand(WorldSnapshot snapshot, SaveRequest? request, TimeSpan captureDuration)
    {
        _snapshot = snapshot;
        Request = request;
        CaptureDuration = captureDuration;
        _idle.Reset();
        _inFlight = true;
        _work.Release();
    }

    /// <summary>Autosave thread: blocks until a save is handed over (true) or the service stops with none in flight (false).</summary>
    public bool WaitForWork()
    {
        while (true)
        {
            _work.Wait();
            if (_inFlight) return true;
            if (_stopping) return false;
        }
    }

    /// <summary>Autosave thread: takes the snapshot; the taker disposes it, which returns it to the pool.</summary>
    public WorldSnapshot TakeSnapshot()
    {
        var snapshot = _snapshot ?? throw new InvalidOperationException("no snapshot was handed over");
        _snapshot = null;
        return snapshot;
    }

    /// <summary>
    /// Autosave thread, last: phase Idle, the requester gets <paramref name="result"/>, then the slot empties
    /// and waiters on <see cref="WaitUntilIdle"/> wake (so a requester's task is complete once InFlight reads false).
    /// </summary>
    public void Finish(SaveResult result)
    {
        var request = Request;
        Request = null;
        Enter(AutosavePhase.Idle);
        request?.Complete(result);
        _inFlight = false;
        _idle.Set();
    }

    /// <summary>Blocks until no save is in flight or <paramref name="timeout"/> passes; true when idle.</summary>
    public bool WaitUntilIdle(TimeSpan timeout) => _idle.Wait(timeout);

    /// <summary>Lets the autosave thread return once the save in flight (if any) is finished.</summary>
    public void Stop()
    {
        _stopping = true;
        _work.Release();
    }

    /// <summary>Frees the semaphore; call after the autosave thread has returned.</summary>
    /// <remarks>
    /// The idle event is left to the collector: it holds no kernel handle (its waiters use a monitor), and a
    /// <c>SaveAndWait</c> racing <c>Dispose</c> may still wait on it.
    /// </remarks>
    public void Dispose() => _work.Dispose();
}
