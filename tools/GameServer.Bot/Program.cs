using GameServer.Cli;

namespace GameServer.Bot;

/// <summary>gamebot: N simulated players against a game server, then a report of what they felt.</summary>
internal static class Program
{
    private static int Main(string[] args) => ToolCommandLine.Run(BotOptions.CreateCommand(Run), args, Console.Out, Console.Error);

    private static int Run(BotOptions options)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Action<string>? progress = Console.IsErrorRedirected ? null : line => Console.Error.WriteLine(line);
        var report = BotRun.Run(options, progress, cancel.Token);
        Console.WriteLine(options.Json ? report.ToJson() : report.ToText());

        // Every bot must have joined at least once for the run to count.
        return report.Joins >= report.Players ? 0 : 1;
    }
}
