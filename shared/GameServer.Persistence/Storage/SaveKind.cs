namespace GameServer.Persistence.Storage;

/// <summary>Why a save was written: on the schedule (rotated by retention) or on request (kept).</summary>
public enum SaveKind
{
    /// <summary>Scheduled or shutdown autosave; subject to retention.</summary>
    Auto,

    /// <summary>Requested by an admin; never deleted automatically.</summary>
    Manual,
}
