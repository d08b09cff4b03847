using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Autosave;

/// <summary>The outcome of one save: the file, the tick, sizes and durations, or the error.</summary>
public sealed record SaveResult
{
    /// <summary>Whether the save was committed.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Auto or manual.</summary>
    public SaveKind Kind { get; init; }

    /// <summary>Name of the committed save in its store (null on failure).</summary>
    public string? Name { get; init; }

    /// <summary>Where the committed save is, for messages: its full path in a folder store (null on failure).</summary>
    public string? Location { get; init; }

    /// <summary>The committed save's id (see <see cref="Format.SaveHeader.SaveId"/>); null on failure.</summary>
    public Guid? SaveId { get; init; }

    /// <summary>Tick captured.</summary>
    public long Tick { get; init; }

    /// <summary>Entities captured.</summary>
    public int Entities { get; init; }

    /// <summary>Capture time (UTC).</summary>
    public DateTime CapturedAtUtc { get; init; }

    /// <summary>The tick-thread pause: fixing the capture point between two ticks.</summary>
    /// <remarks>Chunks the game writes before the autosave thread copies them are copied inside those writes (not counted here).</remarks>
    public TimeSpan CaptureDuration { get; init; }

    /// <summary>Time the autosave thread spent copying owed chunks out of the live world.</summary>
    public TimeSpan CopyDuration { get; init; }

    /// <summary>Bytes the capture copied, by either thread (less than raw when incremental).</summary>
    public long CaptureCopiedBytes { get; init; }

    /// <summary>The longest one write by the game waited for a chunk the autosave thread was copying (see <see cref="GameServer.World.Snapshots.WorldSnapshot.MaxBarrierWait"/>).</summary>
    public TimeSpan BarrierWaitMax { get; init; }

    /// <summary>Encode (shuffle + compress + checksum) time on the autosave task.</summary>
    public TimeSpan EncodeDuration { get; init; }

    /// <summary>Write + fsync + rename time on the autosave task.</summary>
    public TimeSpan WriteDuration { get; init; }

    /// <summary>Raw snapshot bytes.</summary>
    public long RawBytes { get; init; }

    /// <summary>Bytes of the save written.</summary>
    public long StoredBytes { get; init; }

    /// <summary>0 for a full save; k for the k-th delta of its chain.</summary>
    public int ChainIndex { get; init; }

    /// <summary>Name of the save a delta is based on; null for a full save.</summary>
    public string? BaseName { get; init; }

    /// <summary>Raw / stored.</summary>
    public double Ratio => StoredBytes > 0 ? (double)RawBytes / StoredBytes : 0;

    /// <summary>When the first try failed for lack of space, why (retention then made room and the save was tried once more); null otherwise.</summary>
    public string? SpaceShortage { get; init; }

    /// <summary>Old autosaves retention deleted to make room for this save (0 unless <see cref="SpaceShortage"/> is set).</summary>
    public int SavesDeletedForSpace { get; init; }

    /// <summary>Why the save failed (null on success).</summary>
    public string? Error { get; init; }

    /// <summary>A failed result that never reached the disk (bad label, shutting down, ...).</summary>
    public static SaveResult Rejected(SaveKind kind, string error) => new() { Succeeded = false, Kind = kind, Error = error };
}
