using System.Buffers.Binary;

namespace GameServer.Persistence.Format;

/// <summary>
/// Constants and fixed-size parts of the save file layout (see docs/save-format.md). Version 3: preamble (magic,
/// version), data blocks, MemoryPack header (the block table), trailer (header length, header checksum, file length,
/// closing magic), so a writer streams each block as it is encoded. Versions 1 and 2 put the header (its length in the
/// preamble) before the data and end with the shorter <see cref="LegacyTrailerBytes"/> trailer.
/// </summary>
public static class SaveFormat
{
    /// <summary>Oldest format version this build reads.</summary>
    public const ushort OldestReadableVersion = 1;

    /// <summary>Version this build writes and the newest it reads (2: delta saves; 3: the header after the data).</summary>
    public const ushort CurrentVersion = 3;

    /// <summary>The first version whose header follows the data (its length in the trailer, not the preamble).</summary>
    public const ushort HeaderAfterDataVersion = 3;

    /// <summary>Largest raw size of one block of a delta save: small, so one changed row costs little.</summary>
    public const int MaxDeltaBlockRawBytes = 64 << 10;

    /// <summary>Most saves in one chain (a full save and its deltas) a reader follows.</summary>
    public const int MaxChainLength = 1024;

    /// <summary>Highest save sequence a reader accepts (2^62): far beyond any real history, and room to count on without overflow.</summary>
    public const long MaxSequence = 1L << 62;

    /// <summary>Bytes of the preamble: magic (8), version (2), reserved (2), header length (4; versions 1-2, zero from 3).</summary>
    public const int PreambleBytes = 16;

    /// <summary>Bytes of the trailer (version 3): header length (4), reserved (4), then the <see cref="LegacyTrailerBytes"/> of versions 1-2.</summary>
    public const int TrailerBytes = 32;

    /// <summary>Bytes of the trailer of versions 1-2, the last bytes of every version's: header checksum (8), file length (8), closing magic (8).</summary>
    public const int LegacyTrailerBytes = 24;

    /// <summary>Largest raw size of one block.</summary>
    public const int MaxBlockRawBytes = 1 << 20;

    /// <summary>Largest header a reader accepts.</summary>
    public const int MaxHeaderBytes = 16 << 20;

    /// <summary>
    /// Largest ratio of decoded to stored bytes a block of a variable-length column's data buffer may have
    /// (a blob column's bytes, which no count in the header bounds).
    /// </summary>
    /// <remarks>
    /// Fixed-size buffers are bounded by the header's counts (entity count times element size); a data buffer
    /// is bounded by the file instead: each of its blocks decodes to at most this many times its stored bytes,
    /// and blocks tile the data section, so the buffer decodes to at most this many times the file's size. The
    /// writer stores a block raw rather than exceed it (only data of one repeated value compresses further).
    /// </remarks>
    public const int MaxVariableLengthDecodeRatio = 1024;

    /// <summary>
    /// Largest ratio of the raw bytes a save's blocks decode to over the save's whole file length: what a save can make a
    /// reader allocate is bounded by its size, whatever entity count its header claims.
    /// </summary>
    /// <remarks>
    /// No save this format's writer produces comes near it: a block decodes to at most <see cref="MaxBlockRawBytes"/>
    /// (1 MiB), a zstd frame of that needs at least 38 bytes (a 6-byte frame header and 4 bytes per 128 KiB zstd
    /// block, an RLE block of one byte), and its entry in the header takes 47 bytes (38 in format 1): at most
    /// 1 MiB / 85 B = 12,336x, reached only by a world of nothing but zeros. A delta also adds rows only with the id
    /// bytes of each added row among its blocks (ids are never 0, so those bytes always differ from the base), so
    /// the rows a chain allocates are bounded by its files too.
    /// </remarks>
    public const int MaxDecodeRatio = 16384;

    /// <summary>Largest entity count a reader accepts.</summary>
    public const int MaxEntities = 200_000_000;

    /// <summary>File extension of a committed save.</summary>
    public const string Extension = ".gsav";

    /// <summary>Opening magic: "GSAV" then a CR LF SUB LF guard (as PNG does) against text-mode mangling.</summary>
    public static ReadOnlySpan<byte> Magic => "GSAV\r\n\x1a\n"u8;

    /// <summary>Closing magic: a file that lacks it at its end was truncated.</summary>
    public static ReadOnlySpan<byte> EndMagic => "GSAVEND\n"u8;

    /// <summary>Largest stored size a block of <paramref name="rawLength"/> bytes may have.</summary>
    public static int MaxStoredBytes(int rawLength) => rawLength + (rawLength >> 7) + 1024;

    /// <summary>
    /// A whole file of the current version from a serialized header and a data section, with the preamble and a
    /// trailer that match them (tools that rewrite saves: the fuzz harness's checksum repair, tests' surgery).
    /// </summary>
    public static byte[] ComposeFile(ReadOnlySpan<byte> headerBytes, ReadOnlySpan<byte> data)
    {
        var output = new byte[PreambleBytes + data.Length + headerBytes.Length + TrailerBytes];
        WritePreamble(output);
        data.CopyTo(output.AsSpan(PreambleBytes));
        headerBytes.CopyTo(output.AsSpan(PreambleBytes + data.Length));
        WriteTrailer(output.AsSpan(output.Length - TrailerBytes), headerBytes.Length, System.IO.Hashing.XxHash3.HashToUInt64(headerBytes), output.Length);
        return output;
    }

    // Version 3: nothing of the header is known yet when the preamble is written; its length goes in the trailer.
    internal static void WritePreamble(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], 0);
    }

    internal static void WriteTrailer(Span<byte> destination, int headerLength, ulong headerChecksum, long fileLength)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, headerLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], headerChecksum);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], fileLength);
        EndMagic.CopyTo(destination[24..]);
    }
}
