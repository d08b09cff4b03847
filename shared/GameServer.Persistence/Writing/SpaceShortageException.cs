namespace GameServer.Persistence.Writing;

/// <summary>A save was refused before writing because the free space would drop under the margin.</summary>
public sealed class SpaceShortageException : IOException
{
    /// <summary>Creates the exception for a save of <paramref name="saveBytes"/> into <paramref name="location"/>.</summary>
    public SpaceShortageException(string location, long saveBytes, long marginBytes, long freeBytes)
        : base($"not enough free space in {location}: the save needs up to {saveBytes:N0} bytes plus a {marginBytes:N0}-byte margin, {freeBytes:N0} are free")
    {
        SaveBytes = saveBytes;
        MarginBytes = marginBytes;
        FreeBytes = freeBytes;
    }

    /// <summary>Bytes the refused save may take (an upper estimate: a save's length is known only once written).</summary>
    public long SaveBytes { get; }

    /// <summary>The margin in force (after scaling to the volume).</summary>
    public long MarginBytes { get; }

    /// <summary>Bytes free when the save was refused.</summary>
    public long FreeBytes { get; }

    /// <summary>Free bytes the save would have needed: its size plus the margin.</summary>
    public long RequiredFreeBytes => SaveBytes + MarginBytes;
}
