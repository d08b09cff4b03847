using GameServer.Persistence.Format;

namespace GameServer.Persistence.Reading;

/// <summary>
/// Random access to a byte range of one column buffer of an open save, decoding only the blocks that the
/// range touches.
/// </summary>
/// <remarks>
/// For tools that stream a save larger than memory (export, stats, maps): the last decoded block (at most
/// <see cref="SaveFormat.MaxBlockRawBytes"/>) is kept, so reading a buffer front to back decodes each block
/// once and memory stays at one block per reader. Every block is checksum-verified as it is decoded
/// (<see cref="SaveFile.ReadBlock"/>). Not thread-safe: it shares the file's handle and scratch buffers.
/// </remarks>
public sealed class SaveBufferReader
{
    private readonly SaveFile _file;
    private readonly List<BlockEntry> _blocks;
    private readonly long[] _starts;
    private byte[] _decoded = [];
    private int _cached = -1;

    /// <summary>Creates a reader of buffer <paramref name="buffer"/> of column <paramref name="column"/>.</summary>
    /// <param name="file">The open save.</param>
    /// <param name="column">Column index in the header.</param>
    /// <param name="buffer">0 for values (or offsets of a variable-length column), 1 for variable-length data.</param>
    public SaveBufferReader(SaveFile file, int column, int buffer)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, file.Header.Columns.Count);
        var buffers = file.Header.Columns[column].Buffers;
        ArgumentOutOfRangeException.ThrowIfNegative(buffer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(buffer, buffers.Count);

        if (file.Header.IsDelta)
            throw new SaveFormatException(file.Location, SaveFormat.PreambleBytes, $"is a delta save against {file.Header.BaseFileName}: read it through its chain (SaveLoader, or saveinspect compact)");
        _file = file;
        _blocks = buffers[buffer].Blocks;
        Length = buffers[buffer].RawLength;
        _starts = new long[_blocks.Count + 1];
        for (var i = 0; i < _blocks.Count; i++) _starts[i + 1] = _starts[i] + _blocks[i].RawLength;
    }

    /// <summary>Raw (decoded) length of the buffer.</summary>
    public long Length { get; }

    /// <summary>Fills <paramref name="destination"/> with the decoded bytes at <paramref name="position"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range lies outside the buffer.</exception>
    /// <exception cref="SaveFormatException">A block the range touches is damaged.</exception>
    public void Read(long position, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, Length - destination.Length);
        while (!destination.IsEmpty)
        {
            var index = BlockAt(position);
            var block = Decode(index);
            var offset = (int)(position - _starts[index]);
            var n = Math.Min(destination.Length, block.Length - offset);
            block.Slice(offset, n).CopyTo(destination);
            destination = destination[n..];
            position += n;
        }
    }

    private int BlockAt(long position)
    {
        if (_cached >= 0 && position >= _starts[_cached] && position < _starts[_cached + 1]) return _cached;
        var found = Array.BinarySearch(_starts, 0, _blocks.Count, position);
        return found >= 0 ? found : ~found - 1;
    }

    private ReadOnlySpan<byte> Decode(int index)
    {
        var block = _blocks[index];
        if (_cached != index)
        {
            if (_decoded.Length < block.RawLength) _decoded = GC.AllocateUninitializedArray<byte>(SaveFormat.MaxBlockRawBytes);
            _cached = -1; // a failed decode must not leave a half-written block cached
            _file.ReadBlock(block, _decoded.AsSpan(0, block.RawLength));
            _cached = index;
        }

        return _decoded.AsSpan(0, block.RawLength);
    }
}
