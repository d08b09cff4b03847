namespace GameServer.Persistence.Format;

/// <summary>
/// The one exception the save reader raises for bad data: it names the file, the byte offset where the
/// problem was found, and the reason. Nothing else escapes the decoder.
/// </summary>
public sealed class SaveFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SaveFormatException(string file, long offset, string reason, Exception? inner = null)
        : base($"{file}: {reason} (at byte {offset})", inner)
    {
        File = file;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The file that failed to read.</summary>
    public string File { get; }

    /// <summary>Byte offset in the file where the problem was detected.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Reason { get; }
}
