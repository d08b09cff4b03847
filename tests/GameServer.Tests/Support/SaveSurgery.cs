using System.IO.Hashing;
using GameServer.Persistence.Format;
using MemoryPack;

namespace GameServer.Tests.Support;

/// <summary>Rewrites a save's header the way a hostile tool would: valid MemoryPack, recomputed checksum and length, data untouched.</summary>
internal static class SaveSurgery
{
    public static void RewriteHeader(string path, Action<SaveHeader> change)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToInt32(bytes, 12);
        var header = MemoryPackSerializer.Deserialize<SaveHeader>(bytes.AsSpan(SaveFormat.PreambleBytes, headerLength))!;
        var data = bytes.AsSpan(SaveFormat.PreambleBytes + headerLength, bytes.Length - SaveFormat.PreambleBytes - headerLength - SaveFormat.TrailerBytes).ToArray();
        change(header);
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
        File.WriteAllBytes(path, output.ToArray());
    }
}
