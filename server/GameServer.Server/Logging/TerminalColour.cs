namespace GameServer.Server.Logging;

/// <summary>Whether console output may be coloured: only on a terminal, and never when <c>NO_COLOR</c> is set (no-color.org) or <c>TERM=dumb</c>.</summary>
public static class TerminalColour
{
    /// <summary>The rule, from its inputs.</summary>
    public static bool IsWanted(bool redirected, string? noColor, string? term) =>
        !redirected && string.IsNullOrEmpty(noColor) && !string.Equals(term, "dumb", StringComparison.Ordinal);

    /// <summary>The rule for this process's stdout or stderr.</summary>
    public static bool IsWanted(ConsoleStream stream) => IsWanted(
        stream == ConsoleStream.Error ? Console.IsErrorRedirected : Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable("NO_COLOR"),
        Environment.GetEnvironmentVariable("TERM"));
}
