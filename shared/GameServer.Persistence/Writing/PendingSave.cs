using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.World.Snapshots;

namespace GameServer.Persistence.Writing;

/// <summary>
/// A save prepared by <see cref="SnapshotEncoder.PrepareFull"/> or <see cref="SnapshotEncoder.PrepareDelta"/> and not
/// encoded yet: <see cref="WriteTo"/> encodes it block by block straight into a stream (a store's put), so no
/// save-sized output array ever exists. Valid while its snapshot is and until its encoder prepares another save.
/// </summary>
public sealed class PendingSave
{
    private readonly SnapshotEncoder _encoder;

    internal PendingSave(SnapshotEncoder encoder, WorldSnapshot snapshot, DeltaBase? deltaBase, SaveHeader header, long lengthEstimate)
    {
        _encoder = encoder;
        Snapshot = snapshot;
        Base = deltaBase;
        Header = header;
        LengthEstimate = lengthEstimate;
    }

    /// <summary>The header: identity, tick and chain fields now, the block table once <see cref="WriteTo"/> has run.</summary>
    public SaveHeader Header { get; }

    /// <summary>
    /// An upper estimate of the file's length, for the free-space check before writing (the length is known only once
    /// written): a delta's changed bytes stored raw plus its table; a full save's last full length scaled to this
    /// world's raw bytes, or before any full save the raw bytes stored raw.
    /// </summary>
    public long LengthEstimate { get; }

    internal WorldSnapshot Snapshot { get; }

    internal DeltaBase? Base { get; }

    /// <summary>Encodes the save and writes the whole file (format <see cref="SaveFormat.CurrentVersion"/>) to <paramref name="destination"/>; may be called again (a retry) and writes the same blocks.</summary>
    public EncodedSave WriteTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _encoder.Write(this, destination);
    }

    /// <summary>The whole file's bytes, in memory (tools and tests; the server streams through <see cref="WriteTo"/>).</summary>
    public byte[] ToArray()
    {
        using var memory = new MemoryStream();
        WriteTo(memory);
        return memory.ToArray();
    }
}
