using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>One contiguous buffer of a column, split into independently compressed blocks.</summary>
[MemoryPackable(GenerateType.VersionTolerant)]
public sealed partial class SavedBuffer
{
    /// <summary>Raw length of the whole buffer.</summary>
    [MemoryPackOrder(0)]
    public long RawLength { get; set; }

    /// <summary>Blocks in order; their raw lengths add up to <see cref="RawLength"/>.</summary>
    [MemoryPackOrder(1)]
    public List<BlockEntry> Blocks { get; set; } = [];
}
