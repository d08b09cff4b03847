using System.Collections.Concurrent;
using System.Globalization;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;

namespace GameServer.Server.Input;

/// <summary>
/// The console when stdin and stdout are a terminal: a prompt with a line editor (<see cref="LineEditor"/>:
/// history, tab completion of command names) that log lines and replies never break. Every line is printed
/// above the prompt, which is then drawn again with what was being typed and the cursor where it was.
/// </summary>
/// <remarks>
/// Why not a library: RadLine (0.6.0) is a preview with no way to print while a line is being read, and the
/// other .NET line editors either do not run on Unix terminals or are unmaintained; what is needed here is
/// small (one row, ANSI "return, clear line, redraw") and the editing logic is tested without a terminal.
/// One thread reads keys (always waiting in <see cref="Console.ReadKey(bool)"/>, so typed keys are never
/// echoed by the terminal); another runs entered commands one at a time, in order, so a slow <c>save</c>
/// never stops typing. Every write happens under one lock. Ctrl-C stays a signal (the server's stop).
/// </remarks>
public sealed class TerminalConsole : IConsoleWriter, ICommandOutput, IDisposable
{
    private const string Prompt = "> ";
    private const string ClearLine = "\r\u001b[K";
    private readonly object _gate = new();
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly bool _outputColour;
    private readonly bool _errorColour;
    private readonly BlockingCollection<string> _entered = new(boundedCapacity: 16);
    private LineEditor? _editor;
    private bool _promptShown;

    /// <summary>On this process's stdout and stderr.</summary>
    public TerminalConsole()
        : this(Console.Out, Console.Error, TerminalColour.IsWanted(ConsoleStream.Output), TerminalColour.IsWanted(ConsoleStream.Error))
    {
    }

    private TerminalConsole(TextWriter output, TextWriter error, bool outputColour, bool errorColour)
    {
        _output = output;
        _error = error;
        _outputColour = outputColour;
        _errorColour = errorColour;
    }

    /// <summary>Whether this process's stdin and stdout are a terminal that can redraw a line.</summary>
    public static bool IsSupported =>
        !Console.IsInputRedirected && !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Shows the prompt and starts reading keys; entered lines run as <see cref="CommandCaller.Console"/> on <paramref name="host"/>.</summary>
    public void Start(GameHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var names = host.Commands.Names.ToArray();
        lock (_gate)
        {
            if (_editor is not null) throw new InvalidOperationException("the console is already started");
            _editor = new LineEditor(() => names);
            _promptShown = true;
            Redraw();
        }

        new Thread(ReadKeys) { IsBackground = true, Name = "console-keys" }.Start();
        new Thread(() => RunCommands(host)) { IsBackground = true, Name = "console" }.Start();
    }

    /// <inheritdoc />
    public bool UsesColour(ConsoleStream stream) => stream == ConsoleStream.Error ? _errorColour : _outputColour;

    /// <inheritdoc />
    public void WriteLine(string line, ConsoleStream stream = ConsoleStream.Output)
    {
        var writer = stream == ConsoleStream.Error ? _error : _output;
        lock (_gate)
        {
            if (_promptShown)
            {
                _output.Write(ClearLine);
                _output.Flush();
            }

            writer.WriteLine(line);
            writer.Flush();
            if (_promptShown) Redraw();
        }
    }

    /// <inheritdoc />
    void ICommandOutput.WriteLine(string line) => WriteLine(line);

    /// <inheritdoc />
    /// <remarks>The console shows the reply's lines only; the outcome matters to remote callers.</remarks>
    public void EndReply(CommandOutcome outcome)
    {
    }

    /// <summary>Removes the prompt, so what follows (the shell's prompt) starts on a clean line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_promptShown) return;
            _promptShown = false;
            _output.Write(ClearLine);
            _output.Flush();
        }

        _entered.CompleteAdding();
    }

    private void ReadKeys()
    {
        while (true)
        {
            ConsoleKeyInfo key;
            try
            {
                key = Console.ReadKey(intercept: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                WriteLine("console: the terminal closed; the server keeps running (stop it with SIGTERM or SIGINT)");
                return;
            }

            lock (_gate)
            {
                if (!_promptShown) return;
                Handle(_editor!.Apply(key));
                Redraw();
            }
        }
    }

    private void Handle(LineEdit edit)
    {
        switch (edit.Kind)
        {
            case LineEditKind.Submitted:
                // The entered line stays on screen above its reply, as in a shell.
                _output.Write(ClearLine);
                _output.WriteLine(Prompt + edit.Line);
                if (!string.IsNullOrWhiteSpace(edit.Line) && !_entered.TryAdd(edit.Line))
                    _output.WriteLine("console: busy with earlier commands; '" + edit.Line + "' was not run");
                break;
            case LineEditKind.Candidates:
                _output.Write(ClearLine);
                _output.WriteLine(string.Join("  ", edit.Candidates!));
                break;
            case LineEditKind.EndOfInput:
                _output.Write(ClearLine);
                _output.WriteLine("console: type 'stop' (or quit, exit) to stop the server with a final save");
                break;
        }
    }

    private void RunCommands(GameHost host)
    {
        foreach (var line in _entered.GetConsumingEnumerable())
        {
            // A dedicated thread: waiting here runs the commands one at a time, in the order typed.
            host.ExecuteCommandAsync(line, CommandCaller.Console, this).GetAwaiter().GetResult();
        }
    }

    /// <summary>Draws the prompt row again: prompt, the visible part of the line, clear the rest, cursor back in place.</summary>
    private void Redraw()
    {
        var (visible, cursor) = _editor!.View(Width() - Prompt.Length);
        _output.Write("\r" + Prompt + visible + "\u001b[K");
        var back = visible.Length - cursor;
        if (back > 0) _output.Write("\u001b[" + back.ToString(CultureInfo.InvariantCulture) + "D");
        _output.Flush();
    }

    private static int Width()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
