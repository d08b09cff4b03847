namespace GameServer.Cli;

/// <summary>
/// The command line is wrong (a bad value, a missing or extra argument): the tool prints the message as one
/// line on stderr and exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
public class UsageException(string message) : Exception(message);
