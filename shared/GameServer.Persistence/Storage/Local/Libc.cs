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
