namespace GameServer.Persistence.Storage.Local;

/// <summary>
/// The file-system calls a crash-safe save is made of, each one step: create, write, fsync the file,
/// close, rename, fsync the folder; plus delete, list, open for reading, free space, create folder and
/// an exclusive lock.
/// </summary>
/// <remarks>
/// <see cref="LocalFolderStore"/> calls these in a documented order, so a test implementation can record
/// the calls, fail any one of them, or simulate a crash between two. <see cref="PosixFileSystem"/> is the
/// real one. Paths are full paths.
/// </remarks>
public interface IDurableFileSystem
{
    /// <summary>Creates <paramref name="path"/> and any missing parents; an existing folder is fine.</summary>
    void CreateFolder(string path);

    /// <summary>The regular files of <paramref name="folder"/> (not subfolders, symlinks, FIFOs, sockets or devices); empty when it does not exist.</summary>
    IReadOnlyList<DurableFileInfo> List(string folder);

    /// <summary>
    /// Entries of <paramref name="folder"/> whose names end in .gsav but that <see cref="List"/> leaves out (not
    /// regular files), each with what it is; found without opening or following anything. None by default.
    /// </summary>
    IReadOnlyList<IgnoredStoreEntry> ListIgnored(string folder) => [];

    /// <summary>Creates a new, empty file for writing; fails if it exists.</summary>
    DurableFile Create(string path);

    /// <summary>Appends <paramref name="data"/> to <paramref name="file"/> (all of it, or throws).</summary>
    void Write(DurableFile file, ReadOnlySpan<byte> data);

    /// <summary>Makes everything written to <paramref name="file"/> durable (fsync).</summary>
    void Fsync(DurableFile file);

    /// <summary>Closes <paramref name="file"/>; closing twice is harmless.</summary>
    void Close(DurableFile file);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/> in the same folder; never replaces a file.</summary>
    /// <exception cref="SaveAlreadyExistsException"><paramref name="destination"/> exists.</exception>
    void Rename(string source, string destination);

    /// <summary>Makes the entries of <paramref name="folder"/> durable (a rename or delete in it), where the OS needs it.</summary>
    void FsyncFolder(string folder);

    /// <summary>Deletes a file; a missing file is not an error.</summary>
    void Delete(string path);

    /// <summary>Opens an existing file for random-access reads.</summary>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    IReadableFile OpenRead(string path);

    /// <summary>Free bytes this process may use on the folder's volume, or null when unknown.</summary>
    long? FreeBytes(string folder);

    /// <summary>Size in bytes of the folder's volume, or null when unknown (the default, so test file systems need not say).</summary>
    long? VolumeBytes(string folder) => null;

    /// <summary>
    /// Takes an exclusive lock on <paramref name="path"/> (created if missing) that the OS releases when this
    /// process dies, and writes <paramref name="holder"/> into the file. Returns null when another holder has
    /// it, with the text that holder wrote in <paramref name="currentHolder"/> (possibly empty).
    /// </summary>
    IDisposable? TryLock(string path, string holder, out string currentHolder);
}
