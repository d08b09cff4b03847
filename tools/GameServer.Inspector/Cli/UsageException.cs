namespace GameServer.Inspector.Cli;

/// <summary>The command line is wrong (unknown verb or option, missing argument): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
