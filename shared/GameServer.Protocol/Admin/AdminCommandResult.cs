namespace GameServer.Protocol.Admin;

/// <summary>How a remote command ended, as the server reported it.</summary>
/// <param name="Succeeded">Whether the command did what it was asked.</param>
/// <param name="Reason">Why it failed; empty on success.</param>
public sealed record AdminCommandResult(bool Succeeded, string Reason);
