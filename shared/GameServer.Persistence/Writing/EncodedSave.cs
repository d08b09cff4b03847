using GameServer.Persistence.Format;

namespace GameServer.Persistence.Writing;

/// <summary>A save as written by <see cref="PendingSave.WriteTo"/>: its header with the block table, its length and where its time went.</summary>
public sealed class EncodedSave
{
    internal EncodedSave(SaveHeader header, long fileLength, TimeSpan encodeDuration, TimeSpan streamWriteDuration)
    {
        Header = header;
        FileLength = fileLength;
        EncodeDuration = encodeDuration;
        StreamWriteDuration = streamWriteDuration;
    }

    /// <summary>The header, including the block table.</summary>
    public SaveHeader Header { get; }

    /// <summary>Size of the file written.</summary>
    public long FileLength { get; }

    /// <summary>Raw (uncompressed) bytes of the snapshot.</summary>
    public long RawBytes => Header.RawBytes;

    /// <summary>Time spent encoding (shuffling, compressing, checksumming, serializing the header): the write's time less the stream's.</summary>
    public TimeSpan EncodeDuration { get; }

    /// <summary>Time spent in the destination stream's writes (a folder store: write() into its staging file).</summary>
    public TimeSpan StreamWriteDuration { get; }
}
