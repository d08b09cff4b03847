namespace GameServer.Persistence.Format;

/// <summary>
/// The one exception the save reader raises for bad data: it names the file, the reason, and the byte
/// offset where the problem was found when there is one. Nothing else escapes the decoder.
/// </summary>
public sealed class SaveFormatException : Exception
{
    /// <summary>Creates the exception for a problem found at byte <paramref name="offset"/>.</summary>
    public SaveFormatException(string file, long offset, string reason, Exception? inner = null)
        : base($"{file}: {reason} (at byte {offset})", inner)
    {
        File = file;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>
    /// Creates the exception for a problem with the file as a whole (unreadable, empty, too short), where
    /// a byte offset would mean nothing.
    /// </summary>
    public SaveFormatException(string file, string reason, Exception? inner = null)
        : base($"{file}: {reason}", inner)
    {
        File = file;
        Reason = reason;
    }

    private SaveFormatException(string file, string reason, string message, Exception? inner)
        : base(message, inner)
    {
        File = file;
        Reason = reason;
    }

    /// <summary>The file that failed to read.</summary>
    public string File { get; }

    /// <summary>Byte offset in the file where the problem was detected; null when it concerns the whole file.</summary>
    public long? Offset { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Reason { get; }

    /// <summary>The file does not exist (or its folder does not): "file not found: PATH".</summary>
    public static SaveFormatException NotFound(string file, Exception? inner = null) =>
        new(file, "file not found", $"file not found: {file}", inner);
}
