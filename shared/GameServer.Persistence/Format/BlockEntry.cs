using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>Where one block lies in the data section and how to turn it back into raw bytes.</summary>
[MemoryPackable(GenerateType.VersionTolerant)]
public sealed partial class BlockEntry
{
    /// <summary>Offset of the stored bytes from the start of the data section.</summary>
    [MemoryPackOrder(0)]
    public long Offset { get; set; }

    /// <summary>Raw (decoded) length; at most <see cref="SaveFormat.MaxBlockRawBytes"/>.</summary>
    [MemoryPackOrder(1)]
    public int RawLength { get; set; }

    /// <summary>Stored (encoded) length.</summary>
    [MemoryPackOrder(2)]
    public int StoredLength { get; set; }

    /// <summary>Codec of the stored bytes.</summary>
    [MemoryPackOrder(3)]
    public BlockCodec Codec { get; set; }

    /// <summary>Filter applied before the codec; its parameter is <see cref="FilterParameter"/>.</summary>
    [MemoryPackOrder(4)]
    public BlockFilter Filter { get; set; }

    /// <summary>Filter parameter: the scalar size for <see cref="BlockFilter.Shuffle"/>.</summary>
    [MemoryPackOrder(5)]
    public int FilterParameter { get; set; }

    /// <summary>XxHash3 (64-bit) of the stored bytes.</summary>
    [MemoryPackOrder(6)]
    public ulong Checksum { get; set; }

    /// <summary>
    /// In a delta save: where the block's raw bytes lie in the buffer. Its decoded bytes are XORed onto the
    /// base's bytes there (zero past the base's end). Always 0 in a full save, whose blocks lie back to back.
    /// </summary>
    [MemoryPackOrder(7)]
    public long BufferOffset { get; set; }
}
