using GameServer.Persistence.Format;
using GameServer.World.Schema;

namespace GameServer.Persistence.Reading;

/// <summary>Checks a deserialized header against the file and hard caps, and rebuilds the schema from it.</summary>
internal static class SaveHeaderValidation
{
    public static WorldSchema Validate(string path, SaveHeader header, SaveLayout layout)
    {
        SaveFormatException Fail(string reason) => new(path, layout.HeaderOffset, "header: " + reason);
        var (dataLength, dataStart) = (layout.DataLength, layout.DataOffset);

        if (header.EntityCount < 0 || header.EntityCount > SaveFormat.MaxEntities)
            throw Fail($"entity count {header.EntityCount} is outside [0, {SaveFormat.MaxEntities}]");
        if (header.Columns is null || header.Columns.Count == 0) throw Fail("no columns");
        if (header.CapturedAtUtcTicks < DateTime.MinValue.Ticks || header.CapturedAtUtcTicks > DateTime.MaxValue.Ticks)
            throw Fail("capture time is out of range");
        if (header.Sequence < 0 || header.Sequence > SaveFormat.MaxSequence)
            throw Fail($"sequence {header.Sequence} is outside [0, {SaveFormat.MaxSequence}]");
        if (header.WorldName is null) throw Fail("no world name");
        if (header.ChainIndex < 0 || header.ChainIndex >= SaveFormat.MaxChainLength)
            throw Fail($"chain index {header.ChainIndex} is outside [0, {SaveFormat.MaxChainLength - 1}]");
        if (header.IsDelta && (header.BaseSaveId == Guid.Empty || string.IsNullOrEmpty(header.BaseFileName) || header.BaseFileName.AsSpan().IndexOfAny('/', '\\') >= 0))
            throw Fail("a delta save must name its base by id and by a plain file name");

        var definitions = new List<ColumnDefinition>(header.Columns.Count);
        var extents = new List<(long Offset, int Stored)>();
        var count = (long)header.EntityCount;
        foreach (var column in header.Columns)
        {
            if (column is null || string.IsNullOrWhiteSpace(column.Name)) throw Fail("a column has no name");
            if (!Enum.IsDefined((ColumnType)column.Type)) throw Fail($"column '{column.Name}' has unknown type {column.Type}");
            var type = (ColumnType)column.Type;
            ColumnDefinition definition;
            try
            {
                if (type == ColumnType.Struct && (column.ElementSize <= 0 || column.ElementSize > 4096))
                    throw new ArgumentException($"struct size {column.ElementSize} is outside [1, 4096]");
                definition = new ColumnDefinition(column.Name, type, column.ElementSize, column.DefaultValue ?? default(ReadOnlyMemory<byte>));
            }
            catch (ArgumentException e)
            {
                throw Fail($"column '{column.Name}': {e.Message}");
            }

            var expectedBuffers = definition.IsVariableLength ? 2 : 1;
            if (column.Buffers is null || column.Buffers.Count != expectedBuffers)
                throw Fail($"column '{column.Name}' has {column.Buffers?.Count ?? 0} buffers, expected {expectedBuffers}");
            for (var b = 0; b < expectedBuffers; b++)
            {
                var buffer = column.Buffers[b];
                long? expectedRaw = definition.IsVariableLength
                    ? (b == 0 ? (count + 1) * sizeof(int) : null)
                    : count * definition.ElementSize;
                if (buffer is null || buffer.Blocks is null) throw Fail($"column '{column.Name}' buffer {b} is missing");
                if (buffer.RawLength < 0 || buffer.RawLength > Array.MaxLength)
                    throw Fail($"column '{column.Name}' buffer {b} raw length {buffer.RawLength} is out of range");
                if (expectedRaw is { } raw && buffer.RawLength != raw)
                    throw Fail($"column '{column.Name}' buffer {b} has {buffer.RawLength} raw bytes, expected {raw} for {count} entities");
                if (header.IsDelta) ValidateDeltaBlocks(path, column.Name, b, buffer, dataLength, dataStart);
                else ValidateBlocks(path, column.Name, b, buffer, dataLength, dataStart);
                if (expectedRaw is null && !header.IsDelta) ValidateDecodeRatio(path, column.Name, b, buffer, dataLength, dataStart);
                foreach (var block in buffer.Blocks) extents.Add((block.Offset, block.StoredLength));
            }

            definitions.Add(definition);
        }

        ValidateTiling(path, extents, dataLength, dataStart);
        ValidateFileRatio(path, header, layout.FileLength);

        try
        {
            return new WorldSchema(definitions);
        }
        catch (ArgumentException e)
        {
            throw Fail(e.Message);
        }
    }

    /// <summary>
    /// The blocks must tile the data section exactly: no gap, no overlap. Overlapping entries pointing at one tiny
    /// frame would otherwise let a small crafted file decode to gigabytes (a decompression bomb), and a gap hides bytes.
    /// </summary>
    /// <remarks>With tiling, every stored byte decodes once, so the decoded size is bounded by the file's blocks, not by how often a table repeats one.</remarks>
    private static void ValidateTiling(string path, List<(long Offset, int Stored)> extents, long dataLength, long dataStart)
    {
        extents.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        long end = 0;
        foreach (var (offset, stored) in extents)
        {
            if (offset < end)
                throw new SaveFormatException(path, dataStart + offset, $"header: block at data offset {offset} overlaps the block before it (ending at {end}); blocks must not overlap");
            if (offset > end)
                throw new SaveFormatException(path, dataStart + end, $"header: data bytes {end}..{offset} belong to no block; blocks must tile the data section");
            end = offset + stored;
        }

        if (end != dataLength)
            throw new SaveFormatException(path, dataStart + end, $"header: blocks cover {end} of the {dataLength}-byte data section; blocks must tile it");
    }

    /// <summary>
    /// The blocks may decode to at most <see cref="SaveFormat.MaxDecodeRatio"/> times the file's length: checked before
    /// anything is allocated, so a small file whose header claims a huge world (an entity count in the hundreds of
    /// millions, with block entries to match) is refused at its header instead of making the reader allocate it.
    /// </summary>
    private static void ValidateFileRatio(string path, SaveHeader header, long fileLength)
    {
        long raw = 0;
        foreach (var column in header.Columns)
        {
            foreach (var buffer in column.Buffers)
            {
                foreach (var block in buffer.Blocks) raw += block.RawLength;
            }
        }

        if (raw > fileLength * SaveFormat.MaxDecodeRatio)
            throw new SaveFormatException(path, SaveFormat.PreambleBytes, $"header: blocks decode to {raw} bytes ({header.EntityCount} entities), more than {SaveFormat.MaxDecodeRatio}x the {fileLength}-byte file can hold (a forged entity count or a decompression bomb?)");
    }

    /// <summary>
    /// A variable-length data buffer has no length the counts fix, so each of its blocks may decode to at most
    /// <see cref="SaveFormat.MaxVariableLengthDecodeRatio"/> times its stored bytes: a crafted header cannot make
    /// a few stored bytes claim (and make the reader allocate) a buffer of gigabytes.
    /// </summary>
    private static void ValidateDecodeRatio(string path, string column, int bufferIndex, SavedBuffer buffer, long dataLength, long dataStart)
    {
        foreach (var block in buffer.Blocks)
        {
            if ((long)block.RawLength > (long)block.StoredLength * SaveFormat.MaxVariableLengthDecodeRatio)
                throw new SaveFormatException(path, dataStart + Math.Clamp(block.Offset, 0, dataLength), $"column '{column}' buffer {bufferIndex}: block decodes {block.StoredLength} stored bytes to {block.RawLength}, more than the {SaveFormat.MaxVariableLengthDecodeRatio}x a variable-length buffer may (a decompression bomb?)");
        }
    }

    private static void ValidateBlocks(string path, string column, int bufferIndex, SavedBuffer buffer, long dataLength, long dataStart)
    {
        long sum = 0;
        foreach (var block in buffer.Blocks)
        {
            ValidateBlock(path, column, bufferIndex, block, dataLength, dataStart);
            sum += block.RawLength;
        }

        if (sum != buffer.RawLength)
            throw new SaveFormatException(path, dataStart, $"column '{column}' buffer {bufferIndex}: blocks hold {sum} raw bytes, buffer says {buffer.RawLength}");
    }

    // A delta lists only the blocks that differ from its base: in buffer order, not overlapping, inside the buffer.
    private static void ValidateDeltaBlocks(string path, string column, int bufferIndex, SavedBuffer buffer, long dataLength, long dataStart)
    {
        long end = 0;
        foreach (var block in buffer.Blocks)
        {
            ValidateBlock(path, column, bufferIndex, block, dataLength, dataStart);
            if (block.BufferOffset < end || block.BufferOffset > buffer.RawLength - block.RawLength)
                throw new SaveFormatException(path, dataStart, $"column '{column}' buffer {bufferIndex}: delta block at buffer offset {block.BufferOffset} (+{block.RawLength}) overlaps the previous one or lies outside the {buffer.RawLength}-byte buffer");
            end = block.BufferOffset + block.RawLength;
        }
    }

    private static void ValidateBlock(string path, string column, int bufferIndex, BlockEntry block, long dataLength, long dataStart)
    {
        if (block is null) throw new SaveFormatException(path, SaveFormat.PreambleBytes, $"header: column '{column}' has a null block");
        var where = dataStart + Math.Clamp(block.Offset, 0, dataLength);
        if (block.RawLength <= 0 || block.RawLength > SaveFormat.MaxBlockRawBytes)
            throw new SaveFormatException(path, where, $"column '{column}' buffer {bufferIndex}: block raw length {block.RawLength} is outside [1, {SaveFormat.MaxBlockRawBytes}]");
        if (block.StoredLength <= 0 || block.StoredLength > SaveFormat.MaxStoredBytes(block.RawLength))
            throw new SaveFormatException(path, where, $"column '{column}' buffer {bufferIndex}: block stored length {block.StoredLength} is implausible for {block.RawLength} raw bytes");
        if (block.Offset < 0 || block.Offset > dataLength - block.StoredLength)
            throw new SaveFormatException(path, where, $"column '{column}' buffer {bufferIndex}: block at data offset {block.Offset} (+{block.StoredLength}) lies outside the {dataLength}-byte data section (truncated?)");
        if (!Enum.IsDefined(block.Codec) || !Enum.IsDefined(block.Filter))
            throw new SaveFormatException(path, where, $"column '{column}' buffer {bufferIndex}: unknown codec {block.Codec} or filter {block.Filter}");
        if (block.Codec == BlockCodec.None && block.StoredLength != block.RawLength)
            throw new SaveFormatException(path, where, $"column '{column}' buffer {bufferIndex}: uncompressed block stores {block.StoredLength} bytes for {block.RawLength}");
        if (block.Filter == BlockFilter.Shuffle && (block.FilterParameter < 2 || block.FilterParameter > 16))
            throw new SaveFormatException(path, where, $"column '{column}' buffer {bufferIndex}: shuffle scalar {block.FilterParameter} is outside [2, 16]");
    }
}
