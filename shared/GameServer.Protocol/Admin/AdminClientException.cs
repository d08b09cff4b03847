namespace GameServer.Protocol.Admin;

/// <summary>The admin client could not connect, was refused, or lost the connection; the message is one line for the user.</summary>
public sealed class AdminClientException(string message, AdminClientFailure failure) : Exception(message)
{
    /// <summary>What went wrong.</summary>
    public AdminClientFailure Failure { get; } = failure;
}

/// <summary>Why the admin client gave up.</summary>
public enum AdminClientFailure
{
    /// <summary>No connection: nothing answered, or the server rejected the connection request.</summary>
    Unreachable,

    /// <summary>The server refused authentication (wrong key, locked out); the message carries its reason.</summary>
    Refused,

    /// <summary>The connection closed while a command was running: its outcome is unknown.</summary>
    ConnectionLost,
}
