using System.Buffers.Binary;
using System.IO.Hashing;
using GameServer.Persistence.Format;

namespace GameServer.Tests.Support;

/// <summary>
/// Edits MemoryPack's version-tolerant object headers in place, the way a hostile tool would: an object is its member
/// count (one byte), one variable-length int per member (the member's byte length), then the members.
/// </summary>
internal static class VersionTolerantBytes
{
    /// <summary>An object header at <paramref name="at"/>: member count, member lengths, and where the members start.</summary>
    public static (int[] Lengths, int MembersStart) ReadObjectHeader(ReadOnlySpan<byte> bytes, int at)
    {
        var count = bytes[at];
        var lengths = new int[count];
        var position = at + 1;
        for (var i = 0; i < count; i++) lengths[i] = ReadVarInt(bytes, ref position);
        return (lengths, position);
    }

    /// <summary>
    /// <paramref name="bytes"/> with the object header at <paramref name="at"/> replaced by one of
    /// <paramref name="lengths"/> (as many members as lengths), the members themselves untouched.
    /// </summary>
    public static byte[] ReplaceObjectHeader(byte[] bytes, int at, IReadOnlyList<int> lengths)
    {
        var (_, membersStart) = ReadObjectHeader(bytes, at);
        using var output = new MemoryStream();
        output.Write(bytes, 0, at);
        output.WriteByte(checked((byte)lengths.Count));
        Span<byte> value = stackalloc byte[5];
        foreach (var length in lengths)
        {
            // Any of MemoryPack's encodings reads back the same; this one (code -126, then an int) fits every value.
            value[0] = unchecked((byte)(sbyte)-126);
            BinaryPrimitives.WriteInt32LittleEndian(value[1..], length);
            output.Write(value);
        }

        output.Write(bytes, membersStart, bytes.Length - membersStart);
        return output.ToArray();
    }

    /// <summary>A save's bytes with its header replaced by <paramref name="header"/> (data untouched), checksum and length made right.</summary>
    public static byte[] WithHeader(byte[] save, byte[] header)
    {
        var layout = SaveLayout.Of(save);
        return SaveFormat.ComposeFile(header, save.AsSpan(checked((int)layout.DataOffset), checked((int)layout.DataLength)));
    }

    /// <summary>The serialized header of a save.</summary>
    public static byte[] HeaderOf(byte[] save)
    {
        var layout = SaveLayout.Of(save);
        return save.AsSpan(checked((int)layout.HeaderOffset), layout.HeaderLength).ToArray();
    }

    // MemoryPack's VarInt: a byte in [-120, 127] is the value; -121..-128 name the type of the value that follows.
    private static int ReadVarInt(ReadOnlySpan<byte> bytes, ref int position)
    {
        var code = (sbyte)bytes[position++];
        var (size, value) = code switch
        {
            -121 => (1, (long)bytes[position]),
            -122 => (1, (sbyte)bytes[position]),
            -123 => (2, BinaryPrimitives.ReadUInt16LittleEndian(bytes[position..])),
            -124 => (2, BinaryPrimitives.ReadInt16LittleEndian(bytes[position..])),
            -125 => (4, BinaryPrimitives.ReadUInt32LittleEndian(bytes[position..])),
            -126 => (4, BinaryPrimitives.ReadInt32LittleEndian(bytes[position..])),
            -127 => (8, (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes[position..])),
            -128 => (8, BinaryPrimitives.ReadInt64LittleEndian(bytes[position..])),
            _ => (0, code),
        };
        position += size;
        return checked((int)value);
    }
}
