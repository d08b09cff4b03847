using System.Runtime.InteropServices;
using System.Text;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.World.Columns;

/// <summary>
/// A variable-length column (UTF-8 text or opaque bytes per entity) in the Apache Arrow layout:
/// <c>offsets[row]..offsets[row + 1]</c> delimit row <c>row</c>'s bytes in one contiguous data array.
/// </summary>
/// <remarks>
/// A write that changes a value's length shifts the data after it and the offsets of later rows, which
/// marks those chunks too. That is cheap for what such columns hold (names, inventories) and keeps
/// capture a plain copy of two arrays.
/// </remarks>
public sealed class BlobColumn : Column
{
    private const int DataChunkLog2 = 14;
    private readonly ChunkMarks _offsetMarks;
    private readonly ChunkMarks _dataMarks;
    private int[] _offsets;
    private byte[] _data;
    private byte[] _scratch = new byte[256];

    internal BlobColumn(GameWorld world, ColumnDefinition definition, int capacity)
        : base(world, definition)
    {
        _offsets = new int[capacity + 1];
        _data = new byte[Math.Max(1024, capacity * 8)];
        _offsetMarks = new ChunkMarks(sizeof(int), GameWorld.RowsPerChunkLog2, capacity + 1);
        _dataMarks = new ChunkMarks(1, DataChunkLog2, _data.Length);
    }

    /// <summary>Total data bytes of all live rows.</summary>
    public int DataLength => _offsets[World.Count];

    /// <summary>Bytes of live row <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> Get(int row)
    {
        if ((uint)row >= (uint)World.Count) ThrowRowOutOfRange(row, World.Count);
        return _data.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);
    }

    /// <summary>Row <paramref name="row"/> decoded as UTF-8 (allocates; not for per-tick use).</summary>
    public string GetString(int row) => Encoding.UTF8.GetString(Get(row));

    /// <summary>Row <paramref name="row"/> encoded as UTF-8.</summary>
    public void SetString(int row, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_scratch.Length < max) _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        var n = Encoding.UTF8.GetBytes(value, _scratch);
        Set(row, _scratch.AsSpan(0, n));
    }

    /// <summary>Replaces row <paramref name="row"/>'s bytes, shifting later rows' data when the length changes.</summary>
    public void Set(int row, ReadOnlySpan<byte> value)
    {
        var count = World.Count;
        if ((uint)row >= (uint)count) ThrowRowOutOfRange(row, count);
        if (value.Overlaps(_data)) value = CopyToScratch(value);

        var start = _offsets[row];
        var oldEnd = _offsets[row + 1];
        var total = _offsets[count];
        var delta = value.Length - (oldEnd - start);
        var stamp = World.Stamp;

        // Mark (the capture barrier) before anything moves.
        if (delta != 0)
        {
            EnsureDataCapacity(total + delta);
            _offsetMarks.MarkRange(row + 1, count + 1, stamp);
            _dataMarks.MarkRange(start, total + delta, stamp);
            _data.AsSpan(oldEnd, total - oldEnd).CopyTo(_data.AsSpan(oldEnd + delta));
            var later = _offsets.AsSpan(row + 1, count - row);
            for (var i = 0; i < later.Length; i++) later[i] += delta;
        }
        else
        {
            _dataMarks.MarkRange(start, start + value.Length, stamp);
        }

        value.CopyTo(_data.AsSpan(start));
    }

    /// <inheritdoc />
    public override int BufferCount => 2;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> BufferBytes(int buffer) => buffer == 0
        ? MemoryMarshal.AsBytes(new ReadOnlySpan<int>(_offsets, 0, World.Count + 1))
        : new ReadOnlySpan<byte>(_data, 0, _offsets[World.Count]);

    internal override ReadOnlySpan<byte> BackingBytes(int buffer) =>
        buffer == 0 ? MemoryMarshal.AsBytes(_offsets.AsSpan()) : _data.AsSpan();

    internal override ChunkMarks Marks(int buffer) => buffer == 0 ? _offsetMarks : _dataMarks;

    internal override void EnsureCapacity(int rows)
    {
        if (rows + 1 <= _offsets.Length) return;
        Array.Resize(ref _offsets, rows + 1);
        _offsetMarks.Grow(rows + 1);
    }

    internal override void AppendDefault(int row)
    {
        // World.Count already includes the new row; an empty value repeats the previous end offset.
        _offsetMarks.Mark(row + 1, World.Stamp);
        _offsets[row + 1] = _offsets[row];
    }

    internal override void RemoveBySwap(int row, int last)
    {
        if (row != last)
        {
            var moved = CopyToScratch(_data.AsSpan(_offsets[last], _offsets[last + 1] - _offsets[last]));
            Set(row, moved);
        }

        // The world drops the last row after this; its bytes are simply beyond the new end offset.
    }

    internal override void RestoreFrom(ColumnSnapshot source, int count)
    {
        EnsureCapacity(count);
        var offsets = MemoryMarshal.Cast<byte, int>(source.Buffer(0));
        var data = source.Buffer(1);
        SnapshotValidation.CheckOffsets(Name, offsets, count, data.Length);
        offsets.CopyTo(_offsets);
        EnsureDataCapacity(data.Length);
        data.CopyTo(_data);
        _offsetMarks.MarkAll(World.Stamp);
        _dataMarks.MarkAll(World.Stamp);
    }

    internal override void RestoreDefault(int count)
    {
        EnsureCapacity(count);
        _offsets.AsSpan(0, count + 1).Clear();
        _offsetMarks.MarkAll(World.Stamp);
        _dataMarks.MarkAll(World.Stamp);
    }

    private ReadOnlySpan<byte> CopyToScratch(ReadOnlySpan<byte> value)
    {
        if (_scratch.Length < value.Length) _scratch = new byte[Math.Max(value.Length, _scratch.Length * 2)];
        value.CopyTo(_scratch);
        return _scratch.AsSpan(0, value.Length);
    }

    private void EnsureDataCapacity(int bytes)
    {
        if (bytes <= _data.Length) return;
        Array.Resize(ref _data, Math.Max(bytes, _data.Length * 2));
        _dataMarks.Grow(_data.Length);
    }
}
