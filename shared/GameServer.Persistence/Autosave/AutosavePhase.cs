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

    /// <summary>The free-space check, then the snapshot's blocks are shuffled, compressed, checksummed and streamed into the store's put (a folder store's staging file) as each is done.</summary>
    Encode,

    /// <summary>Every byte is in the put: the store makes the save durable and names it (a folder store: fsync, rename, folder fsync).</summary>
    Commit,

    /// <summary>After an autosave: older autosaves are verified and rotated by the retention policy.</summary>
    Retention,
}
