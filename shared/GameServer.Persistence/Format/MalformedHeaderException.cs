namespace GameServer.Persistence.Format;

/// <summary>Serialized header bytes that do not form a header: what is wrong, and where in the header.</summary>
public sealed class MalformedHeaderException : Exception
{
    /// <summary>Creates the exception for a problem at byte <paramref name="offset"/> of the header.</summary>
    public MalformedHeaderException(long offset, string reason, Exception? inner = null)
        : base(reason, inner)
    {
        Offset = offset;
    }

    /// <summary>Byte offset in the serialized header (not the file) where the problem was found.</summary>
    public long Offset { get; }
}
