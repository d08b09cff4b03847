namespace GameServer.Persistence.Writing;

/// <summary>Tells a failure for lack of space (the margin check, ENOSPC, a quota) from every other I/O failure.</summary>
/// <remarks>
/// .NET on Unix puts the errno in <see cref="Exception.HResult"/> of the <see cref="IOException"/> it throws,
/// and on Windows the HRESULT of the Win32 error; the message text is not relied on (it is localised).
/// </remarks>
public static class OutOfSpace
{
    private const int NoSpaceErrno = 28; // ENOSPC, the same on Linux and the BSDs
    private const int QuotaErrnoLinux = 122; // EDQUOT
    private const int QuotaErrnoBsd = 69;
    private const int DiskFullHResult = unchecked((int)0x80070070); // ERROR_DISK_FULL
    private const int HandleDiskFullHResult = unchecked((int)0x80070027); // ERROR_HANDLE_DISK_FULL

    /// <summary>Whether <paramref name="failure"/> (or an exception it wraps) says the volume or quota is full.</summary>
    public static bool Matches(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is SpaceShortageException) return true;
            if (e is IOException && IsSpaceCode(e.HResult)) return true;
            if (e is AggregateException { InnerExceptions: var inner } && inner.Any(Matches)) return true;
        }

        return false;
    }

    private static bool IsSpaceCode(int code) => code switch
    {
        NoSpaceErrno or DiskFullHResult or HandleDiskFullHResult => true,
        QuotaErrnoLinux => OperatingSystem.IsLinux(),
        QuotaErrnoBsd => OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD(),
        _ => false,
    };
}
