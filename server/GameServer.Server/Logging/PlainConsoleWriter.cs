namespace GameServer.Server.Logging;

/// <summary>Prints lines on two text writers (stdout and stderr), one whole line at a time.</summary>
/// <remarks>The console when stdin is not a terminal (pipes, services, tests): no prompt to keep intact.</remarks>
public sealed class PlainConsoleWriter : IConsoleWriter
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly bool _outputColour;
    private readonly bool _errorColour;
    private readonly object _gate = new();

    /// <summary>Prints on <paramref name="output"/> and <paramref name="error"/>, coloured where told.</summary>
    public PlainConsoleWriter(TextWriter output, TextWriter error, bool outputColour = false, bool errorColour = false)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _error = error ?? throw new ArgumentNullException(nameof(error));
        _outputColour = outputColour;
        _errorColour = errorColour;
    }

    /// <summary>This process's stdout and stderr, each coloured only if it is a terminal (see <see cref="TerminalColour"/>).</summary>
    public static PlainConsoleWriter ForProcess() =>
        new(Console.Out, Console.Error, TerminalColour.IsWanted(ConsoleStream.Output), TerminalColour.IsWanted(ConsoleStream.Error));

    /// <inheritdoc />
    public bool UsesColour(ConsoleStream stream) => stream == ConsoleStream.Error ? _errorColour : _outputColour;

    /// <inheritdoc />
    public void WriteLine(string line, ConsoleStream stream = ConsoleStream.Output)
    {
        var writer = stream == ConsoleStream.Error ? _error : _output;
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
