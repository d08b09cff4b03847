namespace GameServer.Tests.Support;

/// <summary>An I/O error as the kernel reports it, and as .NET turns it into an exception.</summary>
public enum InjectedFault
{
    /// <summary>ENOSPC: <see cref="IOException"/> with errno 28 in HResult.</summary>
    NoSpace,

    /// <summary>EIO: <see cref="IOException"/> with errno 5.</summary>
    IoError,

    /// <summary>EFBIG: <see cref="IOException"/> with errno 27.</summary>
    FileTooLarge,

    /// <summary>EACCES: <see cref="UnauthorizedAccessException"/>, as .NET throws it.</summary>
    AccessDenied,
}
