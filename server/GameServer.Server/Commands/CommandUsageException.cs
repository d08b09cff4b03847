namespace GameServer.Server.Commands;

/// <summary>Bad arguments to a command; the message is shown with the command's usage.</summary>
public sealed class CommandUsageException(string message) : Exception(message);
