using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>One column of a save: its definition and the blocks of each of its buffers.</summary>
[MemoryPackable(GenerateType.VersionTolerant)]
public sealed partial class SavedColumn
{
    /// <summary>Column name.</summary>
    [MemoryPackOrder(0)]
    [BoundedString]
    public string Name { get; set; } = "";

    /// <summary>Element type (<see cref="GameServer.World.Schema.ColumnType"/> as a byte).</summary>
    [MemoryPackOrder(1)]
    public byte Type { get; set; }

    /// <summary>Bytes per element; 0 for variable-length columns.</summary>
    [MemoryPackOrder(2)]
    public int ElementSize { get; set; }

    /// <summary>Default element bytes, or null for all zeros.</summary>
    [MemoryPackOrder(3)]
    public byte[]? DefaultValue { get; set; }

    /// <summary>Buffers: one for fixed-size columns; offsets then data for variable-length ones.</summary>
    [MemoryPackOrder(4)]
    public List<SavedBuffer> Buffers { get; set; } = [];

    /// <summary>Raw bytes over all buffers.</summary>
    [MemoryPackIgnore]
    public long RawBytes => Buffers.Sum(b => b.RawLength);

    /// <summary>Stored bytes over all buffers.</summary>
    [MemoryPackIgnore]
    public long StoredBytes => Buffers.Sum(b => b.Blocks.Sum(x => (long)x.StoredLength));
}
