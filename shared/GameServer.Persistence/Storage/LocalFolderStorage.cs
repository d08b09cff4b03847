using System.Runtime.InteropServices;

namespace GameServer.Persistence.Storage;

/// <summary>Saves in a local folder, committed with temp file + fsync + rename + folder fsync.</summary>
public sealed partial class LocalFolderStorage : ISaveStorage
{
    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    public LocalFolderStorage(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Location = System.IO.Path.GetFullPath(directory);
        Directory.CreateDirectory(Location);
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles() =>
        Directory.Exists(Location)
            ? Directory.EnumerateFiles(Location).Select(p => System.IO.Path.GetFileName(p)!).ToList()
            : [];

    /// <inheritdoc />
    public string PathOf(string name) => System.IO.Path.Combine(Location, name);

    /// <inheritdoc />
    public Stream CreateTemp(string tempName) =>
        new FileStream(PathOf(tempName), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);

    /// <inheritdoc />
    public void FlushToDisk(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is FileStream file) file.Flush(flushToDisk: true);
        else stream.Flush();
    }

    /// <inheritdoc />
    public void Commit(string tempName, string finalName)
    {
        File.Move(PathOf(tempName), PathOf(finalName), overwrite: false);
        FsyncDirectory(Location);
    }

    /// <inheritdoc />
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <inheritdoc />
    public long? AvailableFreeBytes()
    {
        try
        {
            return new DriveInfo(Location).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Makes a rename in <paramref name="directory"/> durable (POSIX: fsync on the folder).</summary>
    /// <remarks>.NET cannot open a folder as a stream on Unix, so this goes to libc; Windows needs nothing.</remarks>
    internal static void FsyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open folder '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of folder '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
