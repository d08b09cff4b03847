using System.Runtime.InteropServices;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.World.Schema;

namespace GameServer.Inspector.Reading;

/// <summary>
/// Reads one column of a save a batch of rows at a time and holds only that batch: fixed-size values, or
/// for variable-length columns the batch's offsets and the data bytes they delimit.
/// </summary>
/// <remarks>
/// Decoding goes through <see cref="SaveBufferReader"/>, so memory is one decoded block per buffer plus
/// the batch, whatever the size of the save.
/// </remarks>
internal sealed class ColumnCursor
{
    private readonly SaveFile _file;
    private readonly SaveBufferReader _values;
    private readonly SaveBufferReader? _data;
    private byte[] _bytes = [];
    private int[] _offsets = [];

    public ColumnCursor(SaveFile file, int index)
    {
        _file = file;
        Index = index;
        Definition = file.Schema.Columns[index];
        _values = new SaveBufferReader(file, index, 0);
        if (Definition.IsVariableLength) _data = new SaveBufferReader(file, index, 1);
    }

    public int Index { get; }

    public ColumnDefinition Definition { get; }

    public string Name => Definition.Name;

    public ColumnType Type => Definition.Type;

    /// <summary>Number of rows loaded by the last <see cref="Load"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Element <paramref name="i"/> of the loaded batch (0-based within the batch).</summary>
    public ReadOnlySpan<byte> this[int i]
    {
        get
        {
            if (_data is null) return _bytes.AsSpan(i * Definition.ElementSize, Definition.ElementSize);
            return _bytes.AsSpan(_offsets[i] - _offsets[0], _offsets[i + 1] - _offsets[i]);
        }
    }

    /// <summary>Loads rows <c>[firstRow, firstRow + count)</c>.</summary>
    public void Load(int firstRow, int count)
    {
        Count = count;
        if (_data is null)
        {
            var length = checked(count * Definition.ElementSize);
            Ensure(ref _bytes, length);
            _values.Read((long)firstRow * Definition.ElementSize, _bytes.AsSpan(0, length));
            return;
        }

        if (_offsets.Length < count + 1) _offsets = new int[count + 1];
        _values.Read((long)firstRow * sizeof(int), MemoryMarshal.AsBytes(_offsets.AsSpan(0, count + 1)));
        CheckOffsets(firstRow, count);
        var start = _offsets[0];
        var dataLength = _offsets[count] - start;
        Ensure(ref _bytes, dataLength);
        _data.Read(start, _bytes.AsSpan(0, dataLength));
    }

    // The header checksum covers the block table, not the offsets' values: a crafted file could still lie.
    private void CheckOffsets(int firstRow, int count)
    {
        if (_offsets[0] < 0 || _offsets[count] > _data!.Length) Fail(firstRow);
        for (var i = 0; i < count; i++)
        {
            if (_offsets[i + 1] < _offsets[i]) Fail(firstRow + i);
        }
    }

    private void Fail(int row)
    {
        var blocks = _file.Header.Columns[Index].Buffers[0].Blocks;
        var offset = _file.DataOffset + (blocks.Count > 0 ? blocks[0].Offset : 0);
        throw new SaveFormatException(_file.Location, offset, $"column '{Name}': offsets are inconsistent near row {row}");
    }

    private static void Ensure(ref byte[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
    }
}
