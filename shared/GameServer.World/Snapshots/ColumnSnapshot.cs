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
    private readonly ChangedRange[][] _ranges;
    private readonly int[] _rangeCounts;

    internal ColumnSnapshot(ColumnDefinition definition)
    {
        Definition = definition;
        var count = definition.IsVariableLength ? 2 : 1;
        _buffers = new byte[count][];
        _lengths = new int[count];
        _ranges = new ChangedRange[count][];
        _rangeCounts = new int[count];
        for (var i = 0; i < count; i++)
        {
            _buffers[i] = [];
            _ranges[i] = [];
        }
    }

    /// <summary>The column's definition.</summary>
    public ColumnDefinition Definition { get; }

    /// <summary>1 for fixed-size columns; 2 for variable-length (0 = int32 offsets, 1 = data).</summary>
    public int BufferCount => _buffers.Length;

    /// <summary>Captured bytes of buffer <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Buffer(int index) => new(_buffers[index], 0, _lengths[index]);

    /// <summary>
    /// The runs of buffer <paramref name="index"/> the last capture copied, in buffer order, with where their
    /// difference from the previous content lies in <see cref="WorldSnapshot.Difference"/>. Empty unless
    /// <see cref="WorldSnapshot.HasDifference"/>; final once the capture <see cref="WorldSnapshot.IsComplete"/>.
    /// </summary>
    public ReadOnlySpan<ChangedRange> ChangedRanges(int index) => new(_ranges[index], 0, _rangeCounts[index]);

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

    /// <summary>
    /// Makes buffer <paramref name="index"/> hold <paramref name="length"/> bytes, keeping its content (the last
    /// fill, which the next capture copies only the changes into); <paramref name="previousLength"/> is its length before.
    /// </summary>
    internal byte[] Resize(int index, int length, out int previousLength)
    {
        previousLength = _lengths[index];
        if (_buffers[index].Length < length)
        {
            // Headroom so a slowly growing world does not reallocate on every capture. The old content moves
            // over (a growing world keeps its chain); the rest up to the length is pre-touched now (the
            // allocation is rare) so the capture copy runs at memory speed. The headroom stays untouched.
            var capacity = length + (length / 4) + 4096;
            var buffer = GC.AllocateUninitializedArray<byte>(capacity);
            var kept = Math.Min(previousLength, length);
            _buffers[index].AsSpan(0, kept).CopyTo(buffer);
            buffer.AsSpan(kept, length - kept).Clear();
            _buffers[index] = buffer;
        }

        _lengths[index] = length;
        return _buffers[index];
    }

    /// <summary>Room for <paramref name="count"/> changed ranges of buffer <paramref name="index"/> (tick thread, at the capture point).</summary>
    internal ChangedRange[] RangeStore(int index, int count)
    {
        if (_ranges[index].Length < count) _ranges[index] = new ChangedRange[Math.Max(count, _ranges[index].Length * 2)];
        return _ranges[index];
    }

    /// <summary>How many of <see cref="RangeStore"/>'s entries the capture filled.</summary>
    internal void SetRangeCount(int index, int count) => _rangeCounts[index] = count;
}
