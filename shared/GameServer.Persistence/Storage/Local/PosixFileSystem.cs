using Microsoft.Win32.SafeHandles;

namespace GameServer.Persistence.Storage.Local;

/// <summary>The real <see cref="IDurableFileSystem"/>: .NET file APIs, plus libc for what .NET lacks (folder fsync, flock).</summary>
/// <remarks>Stateless and thread-safe; one shared instance is enough.</remarks>
public sealed class PosixFileSystem : IDurableFileSystem
{
    /// <summary>The shared instance.</summary>
    public static PosixFileSystem Instance { get; } = new();

    /// <inheritdoc />
    public void CreateFolder(string path) => Directory.CreateDirectory(path);

    /// <inheritdoc />
    public IReadOnlyList<DurableFileInfo> List(string folder)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists) return [];
        var files = new List<DurableFileInfo>();
        foreach (var file in directory.EnumerateFiles())
        {
            // A FIFO, socket, device or symlink named like a save is not listed: opening a FIFO blocks forever,
            // and a symlink could point out of the save root. The type comes from lstat, no open.
            if ((file.Attributes & FileAttributes.Directory) == 0 && Libc.IsRegularFile(file.FullName) != false)
                files.Add(new DurableFileInfo(file.Name, file.Length, file.LastWriteTimeUtc));
        }

        return files;
    }

    /// <inheritdoc />
    public IReadOnlyList<IgnoredStoreEntry> ListIgnored(string folder)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists) return [];
        var ignored = new List<IgnoredStoreEntry>();
        foreach (var entry in directory.EnumerateFileSystemInfos("*" + Format.SaveFormat.Extension))
        {
            // lstat's type, never the target's: a symlink is reported as one, not followed.
            var type = Libc.TypeOf(entry.FullName) ?? ((entry.Attributes & FileAttributes.Directory) != 0 ? "folder" : null);
            if (type is not null and not "regular file") ignored.Add(new IgnoredStoreEntry(entry.Name, $"not a save: a {type}, not a regular file (only regular files are read; symlinks are never followed)"));
        }

        return ignored;
    }

    /// <inheritdoc />
    public DurableFile Create(string path) =>
        new OpenFile(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0));

    /// <inheritdoc />
    public void Write(DurableFile file, ReadOnlySpan<byte> data) => Own(file).Stream.Write(data);

    /// <inheritdoc />
    public void Fsync(DurableFile file) => Own(file).Stream.Flush(flushToDisk: true);

    /// <inheritdoc />
    public void Close(DurableFile file) => Own(file).Stream.Dispose();

    /// <inheritdoc />
    public void Rename(string source, string destination)
    {
        // File.Move without overwrite refuses an existing destination itself; the check first gives the clear exception.
        if (File.Exists(destination)) throw new SaveAlreadyExistsException(destination);
        File.Move(source, destination, overwrite: false);
    }

    /// <inheritdoc />
    public void FsyncFolder(string folder) => Libc.FsyncFolder(folder);

    /// <inheritdoc />
    public void Delete(string path) => File.Delete(path);

    /// <inheritdoc />
    /// <remarks>On Linux the open cannot block (O_NONBLOCK) nor follow a symlink (O_NOFOLLOW), and anything but a regular file is refused.</remarks>
    public IReadableFile OpenRead(string path) =>
        new ReadableFile(OperatingSystem.IsLinux()
            ? Libc.OpenRegularForRead(path)
            : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete));

    /// <inheritdoc />
    public long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public long? VolumeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).TotalSize;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public IDisposable? TryLock(string path, string holder, out string currentHolder) => FileLock.TryAcquire(path, holder, out currentHolder);

    private static OpenFile Own(DurableFile file) =>
        file as OpenFile ?? throw new ArgumentException("the file was not opened by this file system", nameof(file));

    private sealed class OpenFile(string path, FileStream stream) : DurableFile(path)
    {
        public FileStream Stream { get; } = stream;
    }

    private sealed class ReadableFile(SafeFileHandle handle) : IReadableFile
    {
        public long Length { get; } = RandomAccess.GetLength(handle);

        public int Read(long offset, Span<byte> destination) => RandomAccess.Read(handle, destination, offset);

        public void Dispose() => handle.Dispose();
    }
}
