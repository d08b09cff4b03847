using System.Runtime.InteropServices;
using GameServer.Demo;
using GameServer.Server.Hosting;
using GameServer.Server.Input;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using Microsoft.Extensions.Logging;

namespace GameServer.Dedicated;

/// <summary>gameserver: parses settings, composes the server with the demo game, wires the console, logging and signals. Nothing else.</summary>
internal static class Program
{
    private static int s_signals;

    private static int Main(string[] args)
    {
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
            try
            {
                host.Start();
            }
            catch (StartupException e)
            {
                Console.Error.WriteLine("gameserver: " + e.Message); // one line, no timestamp: the operator reads it as the exit reason
                return e.ExitCode;
            }

            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, host, log));
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, host, log));
            if (terminal is not null) terminal.Start(host);
            else new ConsoleInput(Console.In, host, console).Start();
            return host.Completion.GetAwaiter().GetResult();
        }
    }

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
