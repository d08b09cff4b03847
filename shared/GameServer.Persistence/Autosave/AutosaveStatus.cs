namespace GameServer.Persistence.Autosave;

/// <summary>Autosave state at a glance, modelled on Redis <c>INFO persistence</c>.</summary>
public sealed record AutosaveStatus
{
    /// <summary>Whether scheduled autosaves run (save-on) or are suspended (save-off).</summary>
    public bool Enabled { get; init; }

    /// <summary>Time between scheduled autosaves.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>How many newest autosaves retention keeps.</summary>
    public int KeepLatest { get; init; }

    /// <summary>When the next scheduled autosave is due (UTC), if enabled.</summary>
    public DateTime? NextDueUtc { get; init; }

    /// <summary>Whether a save is under way (from capture until its requester has the result).</summary>
    public bool InFlight { get; init; }

    /// <summary>What the save under way is doing, or <see cref="AutosavePhase.Idle"/>.</summary>
    public AutosavePhase Phase { get; init; }

    /// <summary>Ticks since the last successful save's capture (null before the first).</summary>
    public long? TicksSinceLastSuccess { get; init; }

    /// <summary>The last save's outcome (null before the first).</summary>
    public SaveResult? LastResult { get; init; }

    /// <summary>The last successful save (null before the first).</summary>
    public SaveResult? LastSuccess { get; init; }

    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Captures deferred because no pooled snapshot was free.</summary>
    public long Skipped { get; init; }

    /// <summary>Requests merged into another pending save, or scheduled saves due while one was writing.</summary>
    public long Coalesced { get; init; }

    /// <summary>Saves committed since start.</summary>
    public long SavesCompleted { get; init; }

    /// <summary>Saves failed since start.</summary>
    public long SavesFailed { get; init; }
}
