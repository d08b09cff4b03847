using GameServer.Persistence.Writing;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Persistence.Delta;

/// <summary>
/// Which committed save the next delta is taken against: the snapshot buffer that holds its bytes and which
/// fill of that buffer it is, the save's identity, and the chain's length and size (for the full-save policy).
/// </summary>
/// <remarks>
/// <para>Owned by the autosave thread. No bytes of its own: the base's bytes are the one snapshot buffer, which
/// the next capture overwrites chunk by chunk while recording new XOR old (<see cref="WorldSnapshot.HasDifference"/>).
/// So a delta is possible only for the capture right after the committed one, into the same buffer.</para>
/// <para>Once a capture has overwritten the buffer, the base is gone from memory: if that save fails (or was a
/// manual save, which never becomes a base), the next save is full.</para>
/// </remarks>
public sealed class DeltaBase
{
    private WorldSnapshot? _buffer;
    private long _fill;
    private WorldSchema? _schema;

    /// <summary>Whether a committed save is held (false before the first save and after <see cref="Reset"/>).</summary>
    public bool IsEmpty => _buffer is null;

    /// <summary>Id of the save held.</summary>
    public Guid SaveId { get; private set; }

    /// <summary>Name (file name) of the save held.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>Chain index of the save held: 0 for a full save.</summary>
    public int ChainIndex { get; private set; }

    /// <summary>File bytes of the chain's full save.</summary>
    public long FullBytes { get; private set; }

    /// <summary>File bytes of the chain's deltas so far.</summary>
    public long DeltaBytes { get; private set; }

    /// <summary>
    /// Whether <paramref name="snapshot"/> can be saved as a delta against the save held: it is the capture that
    /// followed the committed one in the same buffer, it recorded its difference, and the columns are the same.
    /// </summary>
    public bool CanBase(WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _buffer is not null
            && ReferenceEquals(snapshot, _buffer)
            && snapshot.HasDifference
            && snapshot.FillNumber == _fill + 1
            && SchemaComparison.SameColumns(_schema!, snapshot.Schema);
    }

    /// <summary>Whether the next capture of a world with <paramref name="schema"/> could be a delta against the save held (before capturing).</summary>
    public bool MayBase(WorldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return _buffer is not null && SchemaComparison.SameColumns(_schema!, schema);
    }

    /// <summary>Forgets the save held: the next save is full.</summary>
    public void Reset()
    {
        _buffer = null;
        _schema = null;
        _fill = 0;
        SaveId = Guid.Empty;
        FileName = "";
        ChainIndex = 0;
        FullBytes = 0;
        DeltaBytes = 0;
    }

    /// <summary>
    /// Records that <paramref name="save"/>, encoded from <paramref name="snapshot"/>, is committed as
    /// <paramref name="fileName"/>: the buffer's content is now that save, the base of the next delta.
    /// </summary>
    public void Commit(WorldSnapshot snapshot, EncodedSave save, string fileName)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(save);
        var header = save.Header;
        if (header.IsDelta && (header.BaseSaveId != SaveId || !CanBase(snapshot)))
            throw new InvalidOperationException("the delta was not taken against this base");
        if (header.IsDelta)
        {
            DeltaBytes += save.FileLength;
        }
        else
        {
            FullBytes = save.FileLength;
            DeltaBytes = 0;
        }

        Hold(snapshot, header.SaveId, fileName, header.ChainIndex);
    }

    /// <summary>
    /// Records that <paramref name="buffer"/> holds the committed save <paramref name="fileName"/> as loaded (a
    /// snapshot the pool kept at a restore), with the chain's byte counts so far.
    /// </summary>
    public void Adopt(WorldSnapshot buffer, Guid saveId, string fileName, int chainIndex, long fullBytes, long deltaBytes)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        FullBytes = fullBytes;
        DeltaBytes = deltaBytes;
        Hold(buffer, saveId, fileName, chainIndex);
    }

    private void Hold(WorldSnapshot buffer, Guid saveId, string fileName, int chainIndex)
    {
        _buffer = buffer;
        _fill = buffer.FillNumber;
        _schema = buffer.Schema;
        SaveId = saveId;
        FileName = fileName;
        ChainIndex = chainIndex;
    }
}
