using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>The header of a save file: what was saved, when, and where each block of column data lies.</summary>
/// <remarks>
/// Serialized with MemoryPack in version-tolerant mode. The contract: members are only ever added, with a
/// new <see cref="MemoryPackOrderAttribute"/> number; numbers are never reused or renumbered.
/// </remarks>
[MemoryPackable(GenerateType.VersionTolerant)]
public sealed partial class SaveHeader
{
    /// <summary>Name of the world the save belongs to.</summary>
    [MemoryPackOrder(0)]
    [BoundedString]
    public string WorldName { get; set; } = "";

    /// <summary>Tick number captured.</summary>
    [MemoryPackOrder(1)]
    public long Tick { get; set; }

    /// <summary>Capture time as UTC <see cref="DateTime.Ticks"/>.</summary>
    [MemoryPackOrder(2)]
    public long CapturedAtUtcTicks { get; set; }

    /// <summary>Number of entities (rows).</summary>
    [MemoryPackOrder(3)]
    public int EntityCount { get; set; }

    /// <summary>The world's next entity id at capture.</summary>
    [MemoryPackOrder(4)]
    public long NextId { get; set; }

    /// <summary>"auto" or "manual".</summary>
    [MemoryPackOrder(5)]
    [BoundedString]
    public string Kind { get; set; } = "";

    /// <summary>Admin label of a manual save, or empty.</summary>
    [MemoryPackOrder(6)]
    [BoundedString]
    public string Label { get; set; } = "";

    /// <summary>Human-readable codec description, e.g. "zstd-1+shuffle".</summary>
    [MemoryPackOrder(7)]
    [BoundedString]
    public string Codec { get; set; } = "";

    /// <summary>Columns in storage order, with their block tables.</summary>
    [MemoryPackOrder(8)]
    public List<SavedColumn> Columns { get; set; } = [];

    /// <summary>Program that wrote the save (name and version).</summary>
    [MemoryPackOrder(9)]
    [BoundedString]
    public string Writer { get; set; } = "";

    /// <summary>
    /// This save's identity: a random (version 4) 128-bit id drawn when it is encoded, so a later save can
    /// name the one it is based on. <see cref="Guid.Empty"/> in saves written before ids existed.
    /// </summary>
    [MemoryPackOrder(10)]
    public Guid SaveId { get; set; }

    /// <summary>For a delta save, the id of the save it is based on; <see cref="Guid.Empty"/> for a full save.</summary>
    [MemoryPackOrder(11)]
    public Guid BaseSaveId { get; set; }

    /// <summary>For a delta save, the name (file name) of the save it is based on; empty for a full save.</summary>
    [MemoryPackOrder(12)]
    [BoundedString]
    public string BaseFileName { get; set; } = "";

    /// <summary>Position in its chain: 0 for a full save, k for the k-th delta after the full save.</summary>
    [MemoryPackOrder(13)]
    public int ChainIndex { get; set; }

    /// <summary>
    /// The save's place in its world's history: one more than the highest sequence in the world's store when it
    /// was written, so it orders saves however the wall clock moved. 0 in saves written before sequences existed.
    /// </summary>
    [MemoryPackOrder(20)]
    public long Sequence { get; set; }

    /// <summary>
    /// The world's identity: a random 128-bit id drawn when the world's first save is written and carried by every
    /// later save, so a save copied in from another world (even one with the same name) is told apart.
    /// <see cref="Guid.Empty"/> in saves written before world ids existed.
    /// </summary>
    [MemoryPackOrder(21)]
    public Guid WorldId { get; set; }

    /// <summary>Whether this is a delta save (it needs its base to be read).</summary>
    [MemoryPackIgnore]
    public bool IsDelta => ChainIndex > 0;

    /// <summary>Capture time as a <see cref="DateTime"/> (UTC).</summary>
    [MemoryPackIgnore]
    public DateTime CapturedAtUtc => new(CapturedAtUtcTicks, DateTimeKind.Utc);

    /// <summary>Sum of raw (uncompressed) bytes over all blocks.</summary>
    [MemoryPackIgnore]
    public long RawBytes => Columns.Sum(c => c.RawBytes);

    /// <summary>Sum of stored (compressed) bytes over all blocks.</summary>
    [MemoryPackIgnore]
    public long StoredBytes => Columns.Sum(c => c.StoredBytes);
}
