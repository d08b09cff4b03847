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
        var layout = SaveLayout.Of(bytes);
        var header = SaveHeaderSerializer.Deserialize(bytes.AsSpan(checked((int)layout.HeaderOffset), layout.HeaderLength))!;
        var data = bytes.AsSpan(checked((int)layout.DataOffset), checked((int)layout.DataLength)).ToArray();
        return (header, data);
    }

    /// <summary>The index of the data section's byte <paramref name="fromEnd"/> bytes before its end (1: its last): a block's byte, whatever the version's layout.</summary>
    public static int DataIndexFromEnd(byte[] bytes, int fromEnd)
    {
        var layout = SaveLayout.Of(bytes);
        return checked((int)(layout.DataOffset + layout.DataLength - fromEnd));
    }

    /// <summary>A save's bytes (current version) from a header and a data section, with a correct preamble, header checksum and length.</summary>
    public static byte[] Build(SaveHeader header, ReadOnlySpan<byte> data) =>
        SaveFormat.ComposeFile(MemoryPackSerializer.Serialize(header), data);
}
