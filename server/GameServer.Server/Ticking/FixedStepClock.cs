namespace GameServer.Server.Ticking;

/// <summary>
/// Fixed-timestep accounting: elapsed time accumulates, each whole step runs one tick, and at most
/// <see cref="MaxCatchUp"/> ticks run back to back; beyond that the backlog is dropped (the game slows
/// down rather than spiralling). Pure arithmetic on timestamps, so tests drive it with any clock.
/// </summary>
public sealed class FixedStepClock
{
    private long _accumulated;
    private long _last;
    private bool _started;

    /// <summary>A clock of <paramref name="stepTicks"/> timestamp units per tick.</summary>
    public FixedStepClock(long stepTicks, int maxCatchUp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepTicks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCatchUp);
        StepTicks = stepTicks;
        MaxCatchUp = maxCatchUp;
    }

    /// <summary>Timestamp units per tick.</summary>
    public long StepTicks { get; }

    /// <summary>Most ticks returned by one <see cref="Advance"/>.</summary>
    public int MaxCatchUp { get; }

    /// <summary>Ticks' worth of time dropped because the loop fell too far behind.</summary>
    public long DroppedSteps { get; private set; }

    /// <summary>Accounts time up to <paramref name="now"/>; returns how many ticks to run now.</summary>
    public int Advance(long now)
    {
        if (!_started)
        {
            _started = true;
            _last = now;
            return 0;
        }

        _accumulated += Math.Max(0, now - _last);
        _last = now;
        var due = _accumulated / StepTicks;
        if (due > MaxCatchUp)
        {
            DroppedSteps += due - MaxCatchUp;
            _accumulated -= (due - MaxCatchUp) * StepTicks;
            due = MaxCatchUp;
        }

        _accumulated -= due * StepTicks;
        return (int)due;
    }

    /// <summary>Timestamp units until the next tick is due.</summary>
    public long UntilNextStep() => Math.Max(0, StepTicks - _accumulated);
}
