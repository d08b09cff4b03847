using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.World.Columns;

/// <summary>One column of a <see cref="GameWorld"/>: the untyped operations the world and capture need.</summary>
/// <remarks>Typed access is on <see cref="Column{T}"/> and <see cref="BlobColumn"/>. Only the tick thread may touch a column.</remarks>
public abstract class Column : IChunkSource
{
    private protected Column(GameWorld world, ColumnDefinition definition)
    {
        World = world;
        Definition = definition;
    }

    /// <summary>The column's definition.</summary>
    public ColumnDefinition Definition { get; }

    /// <summary>The column's name.</summary>
    public string Name => Definition.Name;

    private protected GameWorld World { get; }

    /// <summary>Number of contiguous buffers backing the column (1 fixed; 2 variable-length: int32 offsets, then data).</summary>
    public abstract int BufferCount { get; }

    /// <summary>The live bytes of buffer <paramref name="buffer"/> for the current row count, read-only.</summary>
    /// <remarks>The layout a capture copies; for tools and baselines that read a column without knowing its type.</remarks>
    public abstract ReadOnlySpan<byte> BufferBytes(int buffer);

    /// <summary>The whole backing array of buffer <paramref name="buffer"/> (beyond the live rows too).</summary>
    internal abstract ReadOnlySpan<byte> BackingBytes(int buffer);

    ReadOnlySpan<byte> IChunkSource.BackingBytes(int buffer) => BackingBytes(buffer);

    /// <summary>Chunk change stamps of buffer <paramref name="buffer"/>.</summary>
    internal abstract ChunkMarks Marks(int buffer);

    internal abstract void EnsureCapacity(int rows);

    /// <summary>Writes the default value into the new last row <paramref name="row"/>.</summary>
    internal abstract void AppendDefault(int row);

    /// <summary>Moves the last row <paramref name="last"/> into <paramref name="row"/> and drops the last row.</summary>
    internal abstract void RemoveBySwap(int row, int last);

    /// <summary>Replaces the column's content with a snapshot column of the same storage; marks everything.</summary>
    internal abstract void RestoreFrom(ColumnSnapshot source, int count);

    /// <summary>Fills rows [0, count) with the default value; marks everything.</summary>
    internal abstract void RestoreDefault(int count);

    private protected static void ThrowRowOutOfRange(int row, int count) =>
        throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {count}).");
}
