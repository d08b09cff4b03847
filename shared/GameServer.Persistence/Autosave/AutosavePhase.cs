namespace GameServer.Persistence.Autosave;

/// <summary>What the autosave is doing right now: a save moves Idle -> Capture -> Copy -> Encode -> Commit (-> Retention) -> Idle.</summary>
/// <remarks>Published by whichever thread owns the save at that moment (the tick thread for Capture, the autosave thread after).</remarks>
public enum AutosavePhase
{
    /// <summary>No save under way.</summary>
    Idle,

    /// <summary>The tick thread fixes the capture point between two ticks and hands the snapshot to the autosave thread.</summary>
    Capture,

    /// <summary>The autosave thread copies the chunks still owed to the snapshot (a game write to an owed chunk copies it first).</summary>
    Copy,

    /// <summary>The snapshot's blocks are shuffled, compressed and checksummed.</summary>
    Encode,

    /// <summary>The save is written crash-safely: free-space check, staging file, fsync, rename, folder fsync.</summary>
    Commit,

    /// <summary>After an autosave: older autosaves are verified and rotated by the retention policy.</summary>
    Retention,
}
