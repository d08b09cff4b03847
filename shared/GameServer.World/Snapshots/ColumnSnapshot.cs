using System.Runtime.InteropServices;
using GameServer.World.Schema;

namespace GameServer.World.Snapshots;

/// <summary>
/// A column's bytes as captured: one buffer for fixed-size columns, two (offsets, data) for
/// variable-length ones. Buffers are pooled with their snapshot and only grow.
/// </summary>
public sealed class ColumnSnapshot
{
    private readonly byte[][] _buffers;
    private readonly int[] _lengths;

    internal ColumnSnapshot(ColumnDefinition definition)
    {
        Definition = definition;
        var count = definition.IsVariableLength ? 2 : 1;
        _buffers = new byte[count][];
        _lengths = new int[count];
        for (var i = 0; i < count; i++) _buffers[i] = [];
    }

    /// <summary>The column's definition.</summary>
    public ColumnDefinition Definition { get; }

    /// <summary>1 for fixed-size columns; 2 for variable-length (0 = int32 offsets, 1 = data).</summary>
    public int BufferCount => _buffers.Length;

    /// <summary>Captured bytes of buffer <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Buffer(int index) => new(_buffers[index], 0, _lengths[index]);

    /// <summary>Fixed-size column values, reinterpreted as <typeparamref name="T"/>.</summary>
    public ReadOnlySpan<T> Values<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(Buffer(0));

    /// <summary>Variable-length column offsets (count + 1 entries).</summary>
    public ReadOnlySpan<int> Offsets => MemoryMarshal.Cast<byte, int>(Buffer(0));

    /// <summary>Variable-length column data.</summary>
    public ReadOnlySpan<byte> Data => Buffer(Definition.IsVariableLength ? 1 : 0);

    /// <summary>Bytes of row <paramref name="row"/> of a variable-length column.</summary>
    public ReadOnlySpan<byte> GetBytes(int row)
    {
        var offsets = Offsets;
        return Buffer(1)[offsets[row]..offsets[row + 1]];
    }

    /// <summary>Checks a variable-length column's offsets: count + 1 entries, from 0, non-decreasing, ending at the data length.</summary>
    /// <exception cref="InvalidDataException">The offsets are inconsistent.</exception>
    public void ValidateOffsets(int count)
    {
        if (!Definition.IsVariableLength) return;
        SnapshotValidation.CheckOffsets(Definition.Name, Offsets, count, Buffer(1).Length);
    }

    /// <summary>Total captured bytes across buffers.</summary>
    public long ByteLength
    {
        get
        {
            long sum = 0;
            foreach (var length in _lengths) sum += length;
            return sum;
        }
    }

    /// <summary>
    /// Sets buffer <paramref name="index"/> to <paramref name="length"/> bytes and returns it for filling.
    /// For decoders that rebuild a snapshot from a save; capture fills buffers itself.
    /// </summary>
    public Span<byte> PrepareBuffer(int index, int length)
    {
        // The decoder overwrites every byte: an exact, uninitialised buffer, no headroom, no pre-touch.
        if (_buffers[index].Length < length) _buffers[index] = GC.AllocateUninitializedArray<byte>(length);
        _lengths[index] = length;
        return new Span<byte>(_buffers[index], 0, length);
    }

    /// <summary>Makes buffer <paramref name="index"/> hold <paramref name="length"/> bytes; reports whether it was reallocated.</summary>
    internal byte[] Resize(int index, int length, out bool reallocated)
    {
        reallocated = false;
        if (_buffers[index].Length < length)
        {
            // Headroom so a slowly growing world does not reallocate on every capture; pre-touch the
            // pages now (the allocation is rare) so the capture copy runs at memory speed.
            var capacity = length + (length / 4) + 4096;
            var buffer = GC.AllocateUninitializedArray<byte>(capacity);
            buffer.AsSpan().Clear();
            _buffers[index] = buffer;
            reallocated = true;
        }

        _lengths[index] = length;
        return _buffers[index];
    }
}
