using System.Runtime.InteropServices;
using GameServer.Demo;
using GameServer.Server.Hosting;
using GameServer.Server.Input;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using Microsoft.Extensions.Logging;

namespace GameServer.Dedicated;

/// <summary>gameserver: parses settings, composes the server with the demo game, wires the console, logging and signals. Nothing else.</summary>
internal static partial class Program
{
    private static int s_signals;

    private static int Main(string[] args)
    {
        // First of all: the runtime records which signals were ignored when it sets up its signal handling, which the
        // console does as soon as it is touched.
        UnignoreStopSignals();
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var options = ServerOptionsParser.ParseCommandLine(args, environment, Environment.CurrentDirectory, Console.Out, Console.Error, out var exit);
        if (options is null) return exit; // --help, --version, or a usage error already reported

        // A terminal gets the interactive console (prompt, history, completion); pipes and services read lines.
        using var terminal = TerminalConsole.IsSupported ? new TerminalConsole() : null;
        IConsoleWriter console = terminal ?? (IConsoleWriter)PlainConsoleWriter.ForProcess();
        ServerLogging logging;
        try
        {
            logging = ServerLogging.Create(options, console);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"gameserver: cannot write logs to {options.LogDirectoryOrDefault}: {e.Message}");
            return 1;
        }

        using (logging)
        {
            var log = logging.Logger;
            using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(log).Build();

            // Registered before Start: a signal while the world loads stops the server once it has started, instead of killing it.
            // A closed terminal or dropped ssh session (SIGHUP) and Ctrl-\ (SIGQUIT) stop it like SIGTERM, with a final save.
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, host, log));
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, host, log));
            using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => OnSignal(context, host, log));
            using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => OnSignal(context, host, log));
            try
            {
                host.Start();
            }
            catch (StartupException e)
            {
                Console.Error.WriteLine("gameserver: " + e.Message); // one line, no timestamp: the operator reads it as the exit reason
                return e.ExitCode;
            }

            if (terminal is not null) terminal.Start(host);
            else new ConsoleInput(Console.In, host, console).Start();
            return host.Completion.GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// A background job (<c>gameserver &amp;</c> from a script, nohup) starts with SIGINT/SIGQUIT/SIGHUP ignored, and the
    /// runtime leaves ignored signals alone: restore the default so the registrations below receive them.
    /// </summary>
    private static unsafe void UnignoreStopSignals()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var action = stackalloc byte[256]; // struct sigaction: the handler is its first field on Linux and macOS
        foreach (var signal in (ReadOnlySpan<int>)[1 /* SIGHUP */, 2 /* SIGINT */, 3 /* SIGQUIT */])
        {
            // Only an ignored signal is touched: a handler the runtime installed stays as it is.
            if (QuerySignalAction(signal, null, action) == 0 && *(nint*)action == 1 /* SIG_IGN */) SetSignalHandler(signal, 0 /* SIG_DFL */);
        }
    }

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static unsafe partial int QuerySignalAction(int signal, byte* newAction, byte* oldAction);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignalHandler(int signal, nint handler);

    private static void OnSignal(PosixSignalContext context, GameHost host, ILogger log)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref s_signals) == 1)
        {
            log.LogInformation("received {Signal}: stopping (send it again to exit at once)", context.Signal);
            host.RequestStop();
        }
        else
        {
            // The last completed save stays valid: saves are only ever renamed into place when complete.
            log.LogWarning("received {Signal} again: exiting now without a final save", context.Signal);
            Environment.Exit(130);
        }
    }
}
