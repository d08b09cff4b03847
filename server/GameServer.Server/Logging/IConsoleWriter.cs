namespace GameServer.Server.Logging;

/// <summary>
/// Where everything the server shows on its console goes: log lines and command replies. The plain writer
/// prints them; the interactive terminal console prints them above its prompt and typed line.
/// </summary>
/// <remarks>Thread-safe: the tick, autosave and console threads all write. Each call prints one whole line.</remarks>
public interface IConsoleWriter
{
    /// <summary>Whether lines for <paramref name="stream"/> may carry ANSI colour (a terminal, and NO_COLOR unset).</summary>
    bool UsesColour(ConsoleStream stream);

    /// <summary>Prints one line on <paramref name="stream"/>.</summary>
    void WriteLine(string line, ConsoleStream stream = ConsoleStream.Output);
}
