namespace GameServer.Bot;

/// <summary>gamebot: N simulated players against a game server, then a report of what they felt.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BotOptions.Usage);
            return 0;
        }

        BotOptions options;
        try
        {
            options = BotOptions.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine("gamebot: " + e.Message);
            Console.Error.WriteLine(BotOptions.Usage);
            return 2;
        }

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
