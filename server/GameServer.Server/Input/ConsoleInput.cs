using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;

namespace GameServer.Server.Input;

/// <summary>
/// Reads admin commands from stdin on a background thread and runs them as <see cref="CommandCaller.Console"/>,
/// one at a time: the next line is read once the previous command's reply is complete. End of input does
/// not stop the server: it may run detached.
/// </summary>
/// <remarks>The console when stdin is not a terminal (pipes, services, tests); on a terminal, <see cref="TerminalConsole"/>.</remarks>
public sealed class ConsoleInput : ICommandOutput
{
    private readonly TextReader _input;
    private readonly GameHost _host;
    private readonly IConsoleWriter _console;

    /// <summary>Reads <paramref name="input"/> for <paramref name="host"/>, replying on <paramref name="console"/>.</summary>
    public ConsoleInput(TextReader input, GameHost host, IConsoleWriter console)
    {
        _input = input;
        _host = host;
        _console = console;
    }

    /// <summary>Starts the reader thread.</summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = "console" }.Start();

    /// <inheritdoc />
    public void WriteLine(string line) => _console.WriteLine(line);

    /// <inheritdoc />
    /// <remarks>The console shows the reply's lines only; the outcome matters to remote callers.</remarks>
    public void EndReply(CommandOutcome outcome)
    {
    }

    private void Run()
    {
        while (!_host.StopRequested)
        {
            string? line;
            try
            {
                line = _input.ReadLine();
            }
            catch (IOException)
            {
                line = null;
            }

            if (line is null)
            {
                _console.WriteLine("console: end of input; the server keeps running (stop it with SIGTERM or SIGINT)");
                return;
            }

            if (string.IsNullOrWhiteSpace(line)) continue;

            // A dedicated thread: waiting here orders the replies and keeps the next line for after this one.
            _host.ExecuteCommandAsync(line, CommandCaller.Console, this).GetAwaiter().GetResult();
        }
    }
}
