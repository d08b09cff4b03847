using GameServer.Persistence.Writing;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Persistence.Delta;

/// <summary>
/// The bytes of the last committed save of a chain, which the next delta is taken against, with that save's
/// identity and the chain's length and size (for the full-save policy).
/// </summary>
/// <remarks>
/// Owned by the autosave thread. It must equal the base file's content exactly, so it changes only after a
/// save is committed (<see cref="Commit"/>), and then only the blocks the save stored are copied in (a full
/// save copies everything). Costs one world's bytes of memory; buffers are reused between saves.
/// </remarks>
public sealed class DeltaBase
{
    private byte[][][] _buffers = [];
    private int[][] _lengths = [];
    private WorldSchema? _schema;

    /// <summary>Whether a committed save is held (false before the first save and after <see cref="Reset"/>).</summary>
    public bool IsEmpty => _schema is null;

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

    /// <summary>Whether a delta of <paramref name="snapshot"/> can be taken against the save held (same schema).</summary>
    public bool CanBase(WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _schema is not null && SchemaComparison.SameColumns(_schema, snapshot.Schema);
    }

    /// <summary>Forgets the save held: the next save is full.</summary>
    public void Reset()
    {
        _schema = null;
        SaveId = Guid.Empty;
        FileName = "";
        ChainIndex = 0;
        FullBytes = 0;
        DeltaBytes = 0;
    }

    /// <summary>
    /// Records that <paramref name="save"/>, encoded from <paramref name="snapshot"/>, is committed as
    /// <paramref name="fileName"/>: it becomes the base of the next delta.
    /// </summary>
    public void Commit(WorldSnapshot snapshot, EncodedSave save, string fileName)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(save);
        var header = save.Header;
        if (header.IsDelta && (header.BaseSaveId != SaveId || !CanBase(snapshot)))
            throw new InvalidOperationException("the delta was not taken against this base");
        if (!header.IsDelta) Allocate(snapshot);
        for (var c = 0; c < snapshot.Columns.Count; c++)
        {
            var column = snapshot.Columns[c];
            for (var b = 0; b < column.BufferCount; b++)
            {
                var source = column.Buffer(b);
                var target = Resize(c, b, source.Length);
                if (!header.IsDelta)
                {
                    source.CopyTo(target);
                    continue;
                }

                // Bytes a delta did not store equal the old base, zero-extended: Resize cleared the new tail.
                foreach (var block in header.Columns[c].Buffers[b].Blocks)
                {
                    var offset = checked((int)block.BufferOffset);
                    source.Slice(offset, block.RawLength).CopyTo(target[offset..]);
                }
            }
        }

        _schema = snapshot.Schema;
        SaveId = header.SaveId;
        FileName = fileName;
        ChainIndex = header.ChainIndex;
        if (header.IsDelta)
        {
            DeltaBytes += save.FileLength;
        }
        else
        {
            FullBytes = save.FileLength;
            DeltaBytes = 0;
        }
    }

    /// <summary>Bytes of buffer <paramref name="buffer"/> of column <paramref name="column"/> of the save held.</summary>
    internal ReadOnlySpan<byte> Buffer(int column, int buffer) => _buffers[column][buffer].AsSpan(0, _lengths[column][buffer]);

    private void Allocate(WorldSnapshot snapshot)
    {
        if (_buffers.Length == snapshot.Columns.Count && _schema is not null && SchemaComparison.SameColumns(_schema, snapshot.Schema)) return;
        _buffers = new byte[snapshot.Columns.Count][][];
        _lengths = new int[snapshot.Columns.Count][];
        for (var c = 0; c < snapshot.Columns.Count; c++)
        {
            var count = snapshot.Columns[c].BufferCount;
            _buffers[c] = new byte[count][];
            _lengths[c] = new int[count];
            for (var b = 0; b < count; b++) _buffers[c][b] = [];
        }
    }

    private Span<byte> Resize(int column, int buffer, int length)
    {
        var old = _lengths[column][buffer];
        if (_buffers[column][buffer].Length < length)
        {
            var grown = GC.AllocateUninitializedArray<byte>(length + (length / 8) + 4096);
            _buffers[column][buffer].AsSpan(0, Math.Min(old, length)).CopyTo(grown);
            _buffers[column][buffer] = grown;
        }

        var span = _buffers[column][buffer].AsSpan(0, length);
        if (length > old) span[old..].Clear();
        _lengths[column][buffer] = length;
        return span;
    }
}
