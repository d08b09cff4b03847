using GameServer.Persistence.Format;

namespace GameServer.Persistence.Writing;

/// <summary>A snapshot encoded in memory, ready to be written; valid until the encoder's next <c>Encode</c>.</summary>
public sealed class EncodedSave
{
    internal EncodedSave(SaveHeader header, byte[] headerBytes, ReadOnlyMemory<byte> data)
    {
        Header = header;
        HeaderBytes = headerBytes;
        Data = data;
    }

    /// <summary>The header, including the block table.</summary>
    public SaveHeader Header { get; }

    /// <summary>The serialized header.</summary>
    public byte[] HeaderBytes { get; }

    /// <summary>The data section: every block's stored bytes, back to back.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Size of the file this save becomes.</summary>
    public long FileLength => SaveFormat.PreambleBytes + HeaderBytes.Length + Data.Length + SaveFormat.TrailerBytes;

    /// <summary>Raw (uncompressed) bytes of the snapshot.</summary>
    public long RawBytes => Header.RawBytes;
}
