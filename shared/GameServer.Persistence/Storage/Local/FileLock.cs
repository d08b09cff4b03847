using System.Runtime.InteropServices;
using System.Text;

namespace GameServer.Persistence.Storage.Local;

/// <summary>
/// An exclusive advisory lock on a file (POSIX <c>flock(LOCK_EX | LOCK_NB)</c>) whose content names the holder.
/// </summary>
/// <remarks>
/// The kernel drops the lock when the holding process dies, however it dies, so a SIGKILLed server never
/// leaves it stuck; the file itself stays (deleting a lock file races with a process that just opened it).
/// The descriptor is close-on-exec so child processes do not inherit the lock. Elsewhere (Windows) a file
/// opened without write sharing plays the same part.
/// </remarks>
internal sealed class FileLock : IDisposable
{
    private const int MaxHolderBytes = 4096;
    private int _fd;
    private FileStream? _stream;

    private FileLock(int fd, FileStream? stream)
    {
        _fd = fd;
        _stream = stream;
    }

    public static FileLock? TryAcquire(string path, string holder, out string currentHolder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(holder);
        return Libc.IsPosix ? TryAcquirePosix(path, holder, out currentHolder) : TryAcquireShared(path, holder, out currentHolder);
    }

    public void Dispose()
    {
        if (_stream is not null)
        {
            _stream.Dispose();
            _stream = null;
        }

        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0) return;
        _ = Libc.Ftruncate(fd, 0); // the next reader should not name a holder that has gone
        _ = Libc.Close(fd); // closing the last descriptor releases the flock
    }

    private static FileLock? TryAcquirePosix(string path, string holder, out string currentHolder)
    {
        currentHolder = "";
        EnsureExists(path);
        var fd = Libc.Open(path, Libc.ReadWriteCloseOnExec);
        if (fd < 0) throw new IOException($"cannot open lock file '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        try
        {
            if (Libc.Flock(fd, Libc.LockExclusive | Libc.LockNonBlocking) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (!Libc.IsWouldBlock(errno)) throw new IOException($"cannot lock '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
                currentHolder = ReadAll(fd);
                _ = Libc.Close(fd);
                return null;
            }

            WriteAll(fd, path, holder);
            return new FileLock(fd, null);
        }
        catch
        {
            _ = Libc.Close(fd);
            throw;
        }
    }

    /// <summary>Creates the lock file if it is missing (without truncating one a holder may be writing).</summary>
    private static void EnsureExists(string path)
    {
        if (File.Exists(path)) return;
        try
        {
            // CreateNew never truncates; .NET's own short shared lock on it is released at once.
            using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: fine.
        }
    }

    private static unsafe string ReadAll(int fd)
    {
        var buffer = new byte[MaxHolderBytes];
        nint read;
        fixed (byte* p = buffer) read = Libc.Pread(fd, p, buffer.Length, 0);
        return read > 0 ? Encoding.UTF8.GetString(buffer, 0, (int)read) : "";
    }

    private static unsafe void WriteAll(int fd, string path, string holder)
    {
        var bytes = Encoding.UTF8.GetBytes(holder);
        if (Libc.Ftruncate(fd, 0) != 0) throw new IOException($"cannot write lock file '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        fixed (byte* p = bytes)
        {
            if (Libc.Pwrite(fd, p, bytes.Length, 0) != bytes.Length) throw new IOException($"cannot write lock file '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    private static FileLock? TryAcquireShared(string path, string holder, out string currentHolder)
    {
        currentHolder = "";
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(holder));
            stream.Flush();
            return new FileLock(-1, stream);
        }
        catch (IOException) when (File.Exists(path))
        {
            try
            {
                using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var text = new StreamReader(reader, Encoding.UTF8);
                currentHolder = text.ReadToEnd();
            }
            catch (IOException)
            {
            }

            return null;
        }
    }
}
