namespace GameServer.Persistence.Storage;

/// <summary>
/// The one seam every save write goes through: create a temp file, write, fsync it, rename it into
/// place, fsync the folder; plus listing, deleting and free space. The local folder is the default;
/// tests inject failures here, and remote storage can implement it later.
/// </summary>
public interface ISaveStorage
{
    /// <summary>Where saves live (a folder path for local storage).</summary>
    string Location { get; }

    /// <summary>Names of all files in the save folder (saves, temp files, anything else).</summary>
    IReadOnlyList<string> ListFiles();

    /// <summary>Full path of <paramref name="name"/>, for readers.</summary>
    string PathOf(string name);

    /// <summary>Creates (truncating) a temp file for writing.</summary>
    Stream CreateTemp(string tempName);

    /// <summary>Flushes <paramref name="stream"/> through to the disk (fsync).</summary>
    void FlushToDisk(Stream stream);

    /// <summary>Renames a fully written temp file to its final name, then makes the rename durable.</summary>
    void Commit(string tempName, string finalName);

    /// <summary>Deletes a file; missing files are ignored.</summary>
    void Delete(string name);

    /// <summary>Free bytes available to this process, or null when unknown.</summary>
    long? AvailableFreeBytes();
}
