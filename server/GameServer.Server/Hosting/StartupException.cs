namespace GameServer.Server.Hosting;

/// <summary>The server cannot start; the message says why in one line.</summary>
public sealed class StartupException(string message) : Exception(message);
