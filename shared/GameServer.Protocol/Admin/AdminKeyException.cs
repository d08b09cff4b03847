namespace GameServer.Protocol.Admin;

/// <summary>The admin key file cannot be read, created or used; the message names the file and the reason, never the key.</summary>
public sealed class AdminKeyException(string message) : Exception(message);
