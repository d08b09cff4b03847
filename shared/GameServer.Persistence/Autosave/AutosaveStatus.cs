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

    /// <summary>Saves that failed for lack of space and were tried again after retention made room, since start.</summary>
    public long SpaceRetries { get; init; }

    /// <summary>Old autosaves deleted to make room for a save, since start.</summary>
    public long SavesDeletedForSpace { get; init; }

    /// <summary>The last lack-of-space failure that set off a retry (null if none yet), with when it happened.</summary>
    public string? LastSpaceShortage { get; init; }

    /// <summary>The margin of free space saves leave on the volume now (the setting, scaled down on a small volume); null before the start check.</summary>
    public long? FreeSpaceMarginBytes { get; init; }

    /// <summary>
    /// The autosave thread's priority: "nice N (lowered by K)", "not lowered (setting 0)", or "not lowered: why"
    /// (not Linux, libc refused); null until the thread has started.
    /// </summary>
    public string? SaveThreadPriority { get; init; }

    /// <summary>Set at start when the volume cannot hold one more save (too small, or too full): what to do about it.</summary>
    public string? SpaceWarning { get; init; }
}
