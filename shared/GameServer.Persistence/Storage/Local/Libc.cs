using System.Runtime.InteropServices;

namespace GameServer.Persistence.Storage.Local;

/// <summary>The few libc calls .NET does not offer: fsync of a folder, flock, and positional reads and writes on a lock file.</summary>
internal static partial class Libc
{
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    public static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>errno values meaning "someone else holds the lock" (EWOULDBLOCK: 11 on Linux, 35 on the BSDs).</summary>
    public static bool IsWouldBlock(int errno) => errno == (OperatingSystem.IsLinux() ? 11 : 35);

    /// <summary>O_RDWR | O_CLOEXEC: a child process must not inherit (and keep) a lock.</summary>
    public static int ReadWriteCloseOnExec => 2 | (OperatingSystem.IsLinux() ? 0x80000 : OperatingSystem.IsMacOS() ? 0x1000000 : 0x100000);

    /// <summary>Makes a rename in <paramref name="directory"/> durable (POSIX: fsync on the folder).</summary>
    /// <remarks>.NET cannot open a folder as a stream on Unix, so this goes to libc; Windows needs nothing.</remarks>
    public static void FsyncFolder(string directory)
    {
        if (!IsPosix) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open folder '{directory}' to fsync it ({Marshal.GetLastPInvokeErrorMessage()}).");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of folder '{directory}' failed ({Marshal.GetLastPInvokeErrorMessage()}).");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Whether <paramref name="path"/> itself (not a symlink's target) is a regular file; null where unknown (not Linux, or it vanished).</summary>
    /// <remarks>statx with AT_SYMLINK_NOFOLLOW: the type without opening, and a layout that is the same on every Linux architecture.</remarks>
    public static unsafe bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtCurrentFolder, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return null;
        return (*(ushort*)(buffer + StatxModeOffset) & FileTypeMask) == RegularFileType;
    }

    /// <summary>What <paramref name="path"/> itself is ("regular file", "folder", "symbolic link", "FIFO", "socket", "device"); null where unknown (not Linux, or it vanished).</summary>
    public static unsafe string? TypeOf(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtCurrentFolder, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return null;
        return (*(ushort*)(buffer + StatxModeOffset) & FileTypeMask) switch
        {
            RegularFileType => "regular file",
            0x4000 => "folder",
            0xA000 => "symbolic link",
            0x1000 => "FIFO",
            0xC000 => "socket",
            _ => "device",
        };
    }

    /// <summary>Opens <paramref name="path"/> read-only without blocking or following a symlink, and only if it is a regular file (Linux).</summary>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    /// <exception cref="IOException">It is a symlink, FIFO, socket, device or folder, or cannot be opened.</exception>
    public static unsafe Microsoft.Win32.SafeHandles.SafeFileHandle OpenRegularForRead(string path)
    {
        var fd = Open(path, ReadOnlyNonBlockingNoFollow);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == NoSuchFile) throw new FileNotFoundException($"Could not find file '{path}'.", path);
            if (errno == SymlinkLoop) throw new IOException($"'{path}' is a symbolic link; saves are read only from regular files");
            throw new IOException($"Cannot open '{path}' ({Marshal.GetPInvokeErrorMessage(errno)}).");
        }

        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        var buffer = stackalloc byte[StatxSize];
        if (Statx(fd, "", AtEmptyPath, StatxType, buffer) != 0 || (*(ushort*)(buffer + StatxModeOffset) & FileTypeMask) != RegularFileType)
        {
            handle.Dispose();
            throw new IOException($"'{path}' is not a regular file (a FIFO, socket, device or folder); saves are read only from regular files");
        }

        return handle;
    }

    private const int AtCurrentFolder = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 1;
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;
    private const int NoSuchFile = 2;
    private const int SymlinkLoop = 40;

    /// <summary>Linux O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC.</summary>
    private const int ReadOnlyNonBlockingNoFollow = 0x800 | 0x20000 | 0x80000;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int folderFd, string path, int flags, uint mask, byte* buffer);

    // open() is variadic; called without O_CREAT it takes no mode, so a fixed two-argument import is safe on every ABI.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static unsafe partial nint Pread(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static unsafe partial nint Pwrite(int fd, byte* buffer, nint count, long offset);
}
