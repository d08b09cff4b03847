using System.Runtime.InteropServices;

namespace GameServer.World.Snapshots;

/// <summary>
/// Gives the memory of an idle scratch buffer back to the operating system while keeping the array: a
/// buffer sized for the largest save keeps every page it ever touched resident, so a full save's 60 MB of
/// output (at 4M entities) would otherwise sit beside the deltas' side buffer for good.
/// </summary>
/// <remarks>
/// Linux only (<c>madvise(MADV_DONTNEED)</c> on the whole pages inside the range); elsewhere a no-op. The
/// released bytes read as zeros afterwards and the array stays valid; the next write faults pages back in.
/// Only for buffers whose content is no longer needed.
/// </remarks>
public static partial class ScratchPages
{
    private const int DontNeed = 4;

    /// <summary>
    /// Releases the whole pages of <paramref name="buffer"/> from <paramref name="start"/> to its end; 0 when done
    /// or nothing to do, else the OS error number (the pages then simply stay resident).
    /// </summary>
    public static int Release(byte[] buffer, int start)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var page = Environment.SystemPageSize;
        if (!OperatingSystem.IsLinux() || (uint)start >= (uint)buffer.Length || buffer.Length - start < 2 * page) return 0;
        var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        try
        {
            var data = handle.AddrOfPinnedObject();
            var first = (data + start + page - 1) & ~(nint)(page - 1);
            var end = (data + buffer.Length) & ~(nint)(page - 1);
            return end > first && Madvise(first, (nuint)(end - first), DontNeed) != 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        finally
        {
            handle.Free();
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
