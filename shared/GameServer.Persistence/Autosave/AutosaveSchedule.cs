namespace GameServer.Persistence.Autosave;

/// <summary>When the next scheduled autosave is due: on/off, interval, next due time, and whether a due time that passed while a save was in flight was counted.</summary>
/// <remarks>
/// The tick thread reads it every tick; commands change it from any thread (interlocked, volatile). The
/// due-while-in-flight flag belongs to the tick thread alone. Nothing here allocates.
/// </remarks>
internal sealed class AutosaveSchedule
{
    private readonly TimeProvider _time;
    private volatile bool _enabled;
    private long _intervalTicks;
    private long _nextDueTimestamp;
    private bool _dueWhileInFlightCounted;

    /// <summary>Starts the schedule: the first autosave is due one interval from now.</summary>
    public AutosaveSchedule(TimeProvider time, TimeSpan interval, bool enabled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _time = time;
        _enabled = enabled;
        _intervalTicks = interval.Ticks;
        _nextDueTimestamp = time.GetTimestamp() + ToTimestampTicks(interval);
    }

    /// <summary>Whether scheduled autosaves run (save-on) or are suspended (save-off).</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Time between scheduled autosaves.</summary>
    public TimeSpan Interval => TimeSpan.FromTicks(Interlocked.Read(ref _intervalTicks));

    /// <summary>The schedule's clock, in <see cref="TimeProvider"/> timestamp ticks.</summary>
    public long Now() => _time.GetTimestamp();

    /// <summary>Whether a scheduled autosave is due at <paramref name="now"/>.</summary>
    public bool IsDue(long now) => _enabled && now >= Interlocked.Read(ref _nextDueTimestamp);

    /// <summary>Tick thread, while a save is in flight and one is due: true the first time per save in flight, so it is counted once.</summary>
    public bool CountDueWhileInFlight()
    {
        if (_dueWhileInFlightCounted) return false;
        _dueWhileInFlightCounted = true;
        return true;
    }

    /// <summary>Tick thread, after a capture at <paramref name="now"/>: a scheduled save or an on-demand autosave restarts the interval.</summary>
    public void OnCaptured(long now, bool restartInterval)
    {
        _dueWhileInFlightCounted = false;
        if (restartInterval) Interlocked.Exchange(ref _nextDueTimestamp, now + ToTimestampTicks(Interval));
    }

    /// <summary>Changes the interval; the next autosave is due one interval from now.</summary>
    public void SetInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interlocked.Exchange(ref _intervalTicks, interval.Ticks);
        Interlocked.Exchange(ref _nextDueTimestamp, _time.GetTimestamp() + ToTimestampTicks(interval));
    }

    /// <summary>When the next scheduled autosave is due (UTC), or null while suspended.</summary>
    public DateTime? NextDueUtc()
    {
        if (!_enabled) return null;
        var remaining = Interlocked.Read(ref _nextDueTimestamp) - _time.GetTimestamp();
        return _time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Max(0, remaining) / (double)_time.TimestampFrequency);
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
