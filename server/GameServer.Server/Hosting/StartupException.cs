namespace GameServer.Server.Hosting;

/// <summary>The server cannot start; the message says why in one line.</summary>
/// <param name="message">Why, in one line.</param>
/// <param name="exitCode">The process exit code it maps to: 1, or 2 when another server holds the world.</param>
public sealed class StartupException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code this failure maps to.</summary>
    public int ExitCode { get; } = exitCode;
}
