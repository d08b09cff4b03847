using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.World.Columns;

/// <summary>A fixed-size column: one contiguous array of <typeparamref name="T"/>, one element per live row.</summary>
/// <remarks>
/// Every write path marks the chunks it touches with the world's current stamp, so capture can copy only
/// what changed. Prefer <see cref="Write(int, int)"/> for bulk updates: it marks a whole range at once.
/// </remarks>
public sealed class Column<T> : Column
    where T : unmanaged
{
    private readonly T _default;
    private readonly ChunkMarks _marks;
    private T[] _data;

    internal Column(GameWorld world, ColumnDefinition definition, int capacity)
        : base(world, definition)
    {
        _data = new T[capacity];
        _marks = new ChunkMarks(Unsafe.SizeOf<T>(), GameWorld.RowsPerChunkLog2, capacity);
        if (definition.DefaultValue is { } bytes) _default = MemoryMarshal.Read<T>(bytes);
    }

    /// <summary>The element of live row <paramref name="row"/>.</summary>
    public T this[int row]
    {
        get => Get(row);
        set => Set(row, value);
    }

    /// <summary>Reads live row <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Get(int row)
    {
        if ((uint)row >= (uint)World.Count) ThrowRowOutOfRange(row, World.Count);
        return _data[row];
    }

    /// <summary>Writes live row <paramref name="row"/> and marks its chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, T value)
    {
        if ((uint)row >= (uint)World.Count) ThrowRowOutOfRange(row, World.Count);
        _marks.Mark(row, World.Stamp);
        _data[row] = value;
    }

    /// <summary>All live rows, read-only (marks nothing).</summary>
    public ReadOnlySpan<T> Read() => new(_data, 0, World.Count);

    /// <summary>All live rows, writable; marks every chunk.</summary>
    public Span<T> Write() => Write(0, World.Count);

    /// <summary>Rows [start, start + length), writable; marks the chunks of that range.</summary>
    public Span<T> Write(int start, int length)
    {
        if ((uint)start > (uint)World.Count || (uint)length > (uint)(World.Count - start))
            throw new ArgumentOutOfRangeException(nameof(length), $"Range [{start}, {start + length}) is outside [0, {World.Count}).");
        _marks.MarkRange(start, start + length, World.Stamp);
        return new Span<T>(_data, start, length);
    }

    /// <inheritdoc />
    public override int BufferCount => 1;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> BufferBytes(int buffer) => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(_data, 0, World.Count));

    internal override ReadOnlySpan<byte> BackingBytes(int buffer) => MemoryMarshal.AsBytes(_data.AsSpan());

    internal override ChunkMarks Marks(int buffer) => _marks;

    internal override void EnsureCapacity(int rows)
    {
        if (rows <= _data.Length) return;
        Array.Resize(ref _data, rows);
        _marks.Grow(rows);
    }

    internal override void AppendDefault(int row)
    {
        _marks.Mark(row, World.Stamp);
        _data[row] = _default;
    }

    internal override void RemoveBySwap(int row, int last)
    {
        if (row == last) return;
        _marks.Mark(row, World.Stamp);
        _data[row] = _data[last];
    }

    internal override void RestoreFrom(ColumnSnapshot source, int count)
    {
        EnsureCapacity(count);
        MemoryMarshal.Cast<byte, T>(source.Buffer(0)).CopyTo(_data);
        _marks.MarkAll(World.Stamp);
    }

    internal override void RestoreDefault(int count)
    {
        EnsureCapacity(count);
        _data.AsSpan(0, count).Fill(_default);
        _marks.MarkAll(World.Stamp);
    }
}
