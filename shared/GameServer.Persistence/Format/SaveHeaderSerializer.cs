using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>
/// Reads a serialized <see cref="SaveHeader"/> from untrusted bytes: any bytes either give a header or raise
/// <see cref="MalformedHeaderException"/>; none can make the reader leave the buffer.
/// </summary>
/// <remarks>
/// The one way to deserialize a header (the reader, the inspector through it, the fuzz harness, test surgery): calling
/// <c>MemoryPackSerializer.Deserialize&lt;SaveHeader&gt;</c> directly on a file's bytes can crash the process
/// (<see cref="HeaderStructureCheck"/>). Writing is plain <c>MemoryPackSerializer.Serialize</c>.
/// </remarks>
public static class SaveHeaderSerializer
{
    private static readonly Lazy<VersionTolerantLayout> Layout = new(() => VersionTolerantLayout.Of(typeof(SaveHeader)));

    /// <summary>The header in <paramref name="bytes"/>, or null for a serialized null.</summary>
    /// <exception cref="MalformedHeaderException">The bytes are not a well-formed header.</exception>
    public static SaveHeader? Deserialize(ReadOnlySpan<byte> bytes)
    {
        HeaderStructureCheck.Check(bytes, Layout.Value);
        try
        {
            return MemoryPackSerializer.Deserialize<SaveHeader>(bytes);
        }
        catch (Exception e) when (e is MemoryPackSerializationException or ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException)
        {
            // What the structure check leaves to MemoryPack: string encodings, enum and value ranges.
            throw new MalformedHeaderException(0, e.Message, e);
        }
    }
}
