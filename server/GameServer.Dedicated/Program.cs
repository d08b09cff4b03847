using System.Runtime.InteropServices;
using GameServer.Demo;
using GameServer.Server.Hosting;
using GameServer.Server.Input;
using GameServer.Server.Logging;
using GameServer.Server.Settings;

namespace GameServer.Dedicated;

/// <summary>gameserver: parses settings, composes the server with the demo game, wires stdin and signals. Nothing else.</summary>
internal static class Program
{
    private static int s_signals;

    private static int Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(ServerOptionsParser.Help());
            return 0;
        }

        ServerOptions options;
        try
        {
            var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
            options = ServerOptionsParser.Parse(args, environment, Environment.CurrentDirectory);
        }
        catch (OptionsException e)
        {
            Console.Error.WriteLine("gameserver: " + e.Message);
            return 2;
        }

        var log = new ConsoleLog(Console.Out);
        using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(log).Build();
        try
        {
            host.Start();
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine("gameserver: " + e.Message);
            return e.ExitCode;
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, host, log));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, host, log));
        new ConsoleInput(Console.In, host, log).Start();
        return host.Completion.GetAwaiter().GetResult();
    }

    private static void OnSignal(PosixSignalContext context, GameHost host, ConsoleLog log)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref s_signals) == 1)
        {
            log.WriteLine($"received {context.Signal}: stopping (send it again to exit at once)");
            host.RequestStop();
        }
        else
        {
            // The last completed save stays valid: saves are only ever renamed into place when complete.
            log.WriteLine($"received {context.Signal} again: exiting now without a final save");
            Environment.Exit(130);
        }
    }
}
