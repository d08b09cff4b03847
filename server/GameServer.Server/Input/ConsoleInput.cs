using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;

namespace GameServer.Server.Input;

/// <summary>
/// Reads admin commands from stdin on a background thread and runs them as <see cref="CommandCaller.Console"/>,
/// one at a time: the next line is read once the previous command's reply is complete. End of input does
/// not stop the server: it may run detached.
/// </summary>
public sealed class ConsoleInput : ICommandOutput
{
    private readonly TextReader _input;
    private readonly GameHost _host;
    private readonly ConsoleLog _log;

    /// <summary>Reads <paramref name="input"/> for <paramref name="host"/>.</summary>
    public ConsoleInput(TextReader input, GameHost host, ConsoleLog log)
    {
        _input = input;
        _host = host;
        _log = log;
    }

    /// <summary>Starts the reader thread.</summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = "console" }.Start();

    /// <inheritdoc />
    public void WriteLine(string line) => _log.WriteLine(line);

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
                _log.WriteLine("console: end of input; the server keeps running (stop it with SIGTERM or SIGINT)");
                return;
            }

            if (string.IsNullOrWhiteSpace(line)) continue;

            // A dedicated thread: waiting here orders the replies and keeps the next line for after this one.
            _host.ExecuteCommandAsync(line, CommandCaller.Console, this).GetAwaiter().GetResult();
        }
    }
}
