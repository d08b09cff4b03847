using System.Net;

namespace GameServer.Server.Network.Admin;

/// <summary>Runs an authenticated admin's command line through the server's command registry.</summary>
public interface IRemoteCommandRunner
{
    /// <summary>
    /// Runs <paramref name="line"/> for the admin at <paramref name="caller"/>, writing the reply to
    /// <paramref name="reply"/>. The task completes once the reply is complete, with whether the command
    /// succeeded and, if not, why; it does not fault.
    /// </summary>
    Task<RemoteCommandResult> RunAsync(string line, IPEndPoint caller, Commands.ICommandOutput reply);
}

/// <summary>How a remote command ended.</summary>
/// <param name="Succeeded">Whether it did what it was asked.</param>
/// <param name="Reason">Why not; null on success.</param>
public readonly record struct RemoteCommandResult(bool Succeeded, string? Reason);
