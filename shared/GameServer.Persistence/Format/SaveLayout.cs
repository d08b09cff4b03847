using System.Buffers.Binary;

namespace GameServer.Persistence.Format;

/// <summary>
/// Where a save file's parts are, read from its preamble and trailer and checked against its length: the one place
/// that knows each version's layout (versions 1-2: header before the data; 3: header after it, its length in the trailer).
/// </summary>
/// <param name="Version">The format version.</param>
/// <param name="FileLength">Bytes of the file.</param>
/// <param name="HeaderOffset">Where the serialized header starts.</param>
/// <param name="HeaderLength">Bytes of the serialized header.</param>
/// <param name="HeaderChecksum">The trailer's XxHash3 of the header's bytes.</param>
/// <param name="DataOffset">Where the data section starts (block offsets count from here).</param>
/// <param name="DataLength">Bytes of the data section.</param>
public readonly record struct SaveLayout(int Version, long FileLength, long HeaderOffset, int HeaderLength, ulong HeaderChecksum, long DataOffset, long DataLength)
{
    /// <summary>Bytes a reader reads from the file's end to know its layout (the longest trailer).</summary>
    public const int TailBytes = SaveFormat.TrailerBytes;

    /// <summary>Bytes of this version's trailer.</summary>
    public int TrailerLength => Version >= SaveFormat.HeaderAfterDataVersion ? SaveFormat.TrailerBytes : SaveFormat.LegacyTrailerBytes;

    /// <summary>
    /// Reads the layout of a <paramref name="length"/>-byte save from its first <see cref="SaveFormat.PreambleBytes"/>
    /// and its last <see cref="TailBytes"/> (fewer when the file is shorter), checking every length against the file.
    /// </summary>
    /// <exception cref="SaveFormatException">Not a save, an unsupported version, truncated or damaged.</exception>
    public static SaveLayout Read(string location, long length, ReadOnlySpan<byte> preamble, ReadOnlySpan<byte> tail)
    {
        if (length == 0) throw new SaveFormatException(location, "file is empty");
        if (length < SaveFormat.PreambleBytes + SaveFormat.LegacyTrailerBytes)
            throw new SaveFormatException(location, length, $"file is {length} bytes, too short to be a save (truncated?)");
        if (!preamble[..8].SequenceEqual(SaveFormat.Magic))
            throw new SaveFormatException(location, 0, "not a save file (bad magic)");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..]);
        if (version < SaveFormat.OldestReadableVersion || version > SaveFormat.CurrentVersion)
            throw new SaveFormatException(location, 8, $"format version {version} is not supported (this build reads {SaveFormat.OldestReadableVersion} to {SaveFormat.CurrentVersion})");
        if (BinaryPrimitives.ReadUInt16LittleEndian(preamble[10..]) != 0)
            throw new SaveFormatException(location, 10, "reserved preamble bytes are not zero (damaged)");
        var preambleHeaderLength = BinaryPrimitives.ReadInt32LittleEndian(preamble[12..]);
        var headerAfterData = version >= SaveFormat.HeaderAfterDataVersion;
        var trailerLength = headerAfterData ? SaveFormat.TrailerBytes : SaveFormat.LegacyTrailerBytes;
        var room = length - SaveFormat.PreambleBytes - trailerLength;
        if (headerAfterData && room <= 0)
            throw new SaveFormatException(location, length, $"file is {length} bytes, too short to be a save (truncated?)");
        if (headerAfterData && preambleHeaderLength != 0)
            throw new SaveFormatException(location, 12, "reserved preamble bytes are not zero (damaged)");
        if (!headerAfterData && (preambleHeaderLength <= 0 || preambleHeaderLength > SaveFormat.MaxHeaderBytes || preambleHeaderLength > room))
            throw new SaveFormatException(location, 12, $"header length {preambleHeaderLength} does not fit a {length}-byte file (truncated?)");

        // Versions 1-2's whole trailer is the last 24 bytes of version 3's.
        var legacy = tail[^SaveFormat.LegacyTrailerBytes..];
        var legacyOffset = length - SaveFormat.LegacyTrailerBytes;
        if (!legacy[16..].SequenceEqual(SaveFormat.EndMagic))
            throw new SaveFormatException(location, legacyOffset + 16, "closing magic missing (file truncated or damaged)");
        var recordedLength = BinaryPrimitives.ReadInt64LittleEndian(legacy[8..]);
        if (recordedLength != length)
            throw new SaveFormatException(location, legacyOffset + 8, $"trailer records {recordedLength} bytes but the file has {length}");
        var checksum = BinaryPrimitives.ReadUInt64LittleEndian(legacy);
        if (!headerAfterData)
        {
            return new SaveLayout(version, length, SaveFormat.PreambleBytes, preambleHeaderLength, checksum,
                SaveFormat.PreambleBytes + preambleHeaderLength, room - preambleHeaderLength);
        }

        var trailerOffset = length - SaveFormat.TrailerBytes;
        var trailer = tail[^SaveFormat.TrailerBytes..];
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(trailer);
        if (headerLength <= 0 || headerLength > SaveFormat.MaxHeaderBytes || headerLength > room)
            throw new SaveFormatException(location, trailerOffset, $"header length {headerLength} does not fit a {length}-byte file (truncated?)");
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != 0)
            throw new SaveFormatException(location, trailerOffset + 4, "reserved trailer bytes are not zero (damaged)");
        var dataLength = room - headerLength;
        return new SaveLayout(version, length, SaveFormat.PreambleBytes + dataLength, headerLength, checksum, SaveFormat.PreambleBytes, dataLength);
    }

    /// <summary>The layout of the save whose whole bytes are <paramref name="file"/> (tools and tests that edit saves in memory).</summary>
    /// <exception cref="SaveFormatException">Not a save, an unsupported version, truncated or damaged.</exception>
    public static SaveLayout Of(ReadOnlySpan<byte> file)
    {
        Span<byte> preamble = stackalloc byte[SaveFormat.PreambleBytes];
        file[..Math.Min(file.Length, SaveFormat.PreambleBytes)].CopyTo(preamble);
        return Read("(in memory)", file.Length, preamble, file[Math.Max(0, file.Length - TailBytes)..]);
    }
}
