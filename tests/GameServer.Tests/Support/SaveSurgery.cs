using System.IO.Hashing;
using GameServer.Persistence.Format;
using MemoryPack;

namespace GameServer.Tests.Support;

/// <summary>Rewrites a save's header the way a hostile tool would: valid MemoryPack, recomputed checksum and length, data untouched.</summary>
internal static class SaveSurgery
{
    public static void RewriteHeader(string path, Action<SaveHeader> change) =>
        File.WriteAllBytes(path, RewriteHeader(File.ReadAllBytes(path), change));

    /// <summary>The save <paramref name="bytes"/> with its header changed by <paramref name="change"/> (data untouched).</summary>
    public static byte[] RewriteHeader(byte[] bytes, Action<SaveHeader> change)
    {
        var (header, data) = Split(bytes);
        change(header);
        return Build(header, data);
    }

    /// <summary>The header and data section of a save's bytes.</summary>
    public static (SaveHeader Header, byte[] Data) Split(byte[] bytes)
    {
        var headerLength = BitConverter.ToInt32(bytes, 12);
        var header = SaveHeaderSerializer.Deserialize(bytes.AsSpan(SaveFormat.PreambleBytes, headerLength))!;
        var data = bytes.AsSpan(SaveFormat.PreambleBytes + headerLength, bytes.Length - SaveFormat.PreambleBytes - headerLength - SaveFormat.TrailerBytes).ToArray();
        return (header, data);
    }

    /// <summary>A save's bytes from a header and a data section, with a correct preamble, header checksum and length.</summary>
    public static byte[] Build(SaveHeader header, ReadOnlySpan<byte> data)
    {
        var newHeader = MemoryPackSerializer.Serialize(header);
        var fileLength = SaveFormat.PreambleBytes + newHeader.Length + data.Length + SaveFormat.TrailerBytes;
        using var output = new MemoryStream(fileLength);
        var fixedPart = new byte[Math.Max(SaveFormat.PreambleBytes, SaveFormat.TrailerBytes)];
        SaveFormat.WritePreamble(fixedPart, newHeader.Length);
        output.Write(fixedPart, 0, SaveFormat.PreambleBytes);
        output.Write(newHeader);
        output.Write(data);
        SaveFormat.WriteTrailer(fixedPart, XxHash3.HashToUInt64(newHeader), fileLength);
        output.Write(fixedPart, 0, SaveFormat.TrailerBytes);
        return output.ToArray();
    }
}
