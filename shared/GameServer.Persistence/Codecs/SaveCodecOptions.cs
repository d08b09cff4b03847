using GameServer.Persistence.Format;

namespace GameServer.Persistence.Codecs;

/// <summary>How snapshots are encoded: codec, level and whether multi-byte columns are byte-shuffled first.</summary>
/// <remarks>
/// The default, zstd level 1 with byte shuffle, is the measured best trade-off for one background core:
/// on a struct-of-arrays world it stores fewer bytes than zstd-1 on raw bytes and runs faster, since the
/// shuffled planes (sign/exponent bytes together, mantissa bytes together) are cheaper to match.
/// </remarks>
public sealed record SaveCodecOptions
{
    /// <summary>zstd level 1 + byte shuffle.</summary>
    public static SaveCodecOptions Default { get; } = new();

    /// <summary>No compression, no filter: raw bytes with checksums.</summary>
    public static SaveCodecOptions Uncompressed { get; } = new() { Codec = BlockCodec.None, Shuffle = false };

    /// <summary>Block codec.</summary>
    public BlockCodec Codec { get; init; } = BlockCodec.Zstd;

    /// <summary>zstd level (1 = fastest standard level; negative levels are faster still).</summary>
    public int Level { get; init; } = 1;

    /// <summary>Whether to byte-shuffle columns whose scalar is wider than one byte.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// zstd level of a delta save's blocks (when <see cref="Codec"/> is zstd). A delta block is (new XOR base): runs
    /// of zeros around the changed bytes, which a fast negative level stores nearly as small, in less time, and
    /// which then decompress faster too (measured: docs/save-format.md, "Delta block codec").
    /// </summary>
    public int DeltaLevel { get; init; } = -3;

    /// <summary>
    /// Whether a delta save's blocks are byte-shuffled (only if <see cref="Shuffle"/> is on too). Off by default:
    /// the XOR of a changed value keeps its nonzero bytes together, and shuffling scatters them over the planes,
    /// which costs zstd time and bytes.
    /// </summary>
    public bool DeltaShuffle { get; init; }

    /// <summary>Short description recorded in the header, e.g. "zstd-1+shuffle".</summary>
    public string Describe() => (Codec == BlockCodec.None ? "none" : $"zstd-{Level}") + (Shuffle && Codec != BlockCodec.None ? "+shuffle" : "");

    /// <summary>Short description recorded in a delta save's header, e.g. "zstd--3" (the delta level, then "+shuffle" if on).</summary>
    public string DescribeDelta() => (Codec == BlockCodec.None ? "none" : $"zstd-{DeltaLevel}") + (DeltaShuffle && Codec != BlockCodec.None ? "+shuffle" : "");

    /// <summary>Parses "none", "zstd", "zstd-3", "zstd-1+shuffle", "zstd+noshuffle".</summary>
    public static SaveCodecOptions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split('+');
        var codec = parts[0];
        var shuffle = !parts.Skip(1).Contains("noshuffle");
        if (codec == "none") return Uncompressed;
        if (codec == "zstd") return new SaveCodecOptions { Shuffle = shuffle };
        if (codec.StartsWith("zstd-", StringComparison.Ordinal) && int.TryParse(codec.AsSpan(5), out var level) && level is >= -7 and <= 22)
            return new SaveCodecOptions { Level = level, Shuffle = shuffle };
        if (codec.StartsWith("zstd", StringComparison.Ordinal) && int.TryParse(codec.AsSpan(4), out level) && level is >= -7 and <= 22)
            return new SaveCodecOptions { Level = level, Shuffle = shuffle };
        throw new FormatException($"Unknown codec '{text}': use none, zstd, zstd-N (N in -7..22), optionally +noshuffle.");
    }
}
