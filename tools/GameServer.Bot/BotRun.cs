using System.Diagnostics;

namespace GameServer.Bot;

/// <summary>
/// Runs N bots for a while on a few worker threads (each thread drives its share of bots in turn), then
/// disconnects them and reports.
/// </summary>
internal static class BotRun
{
    /// <summary>Runs the bots; <paramref name="progress"/> gets a line every second (null: silent).</summary>
    public static BotReport Run(BotOptions options, Action<string>? progress, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tokens = new BotTokens(options.TokensFile);
        var bots = new List<BotPlayer>(options.Players);
        for (var i = 0; i < options.Players; i++) bots.Add(new BotPlayer($"{options.NamePrefix}{i:000}", options, tokens, seed: i + 1));
        try
        {
            foreach (var bot in bots) bot.Connect();
            var started = Stopwatch.GetTimestamp();
            var end = started + (long)(options.Seconds * Stopwatch.Frequency);
            var workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
            var threads = new Thread[workers];
            for (var w = 0; w < workers; w++)
            {
                var share = bots.Where((_, i) => i % workers == w).ToArray();
                threads[w] = new Thread(() => Drive(share, end, cancel)) { IsBackground = true, Name = "bot-" + w };
                threads[w].Start();
            }

            var nextProgress = started + Stopwatch.Frequency;
            while (threads.Any(t => t.IsAlive))
            {
                Thread.Sleep(50);
                if (progress is null || Stopwatch.GetTimestamp() < nextProgress) continue;
                nextProgress += Stopwatch.Frequency;
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                progress($"t={elapsed:0}s joined={bots.Count(b => b.Joined)}/{bots.Count} updates={bots.Sum(b => b.Updates)} drops={bots.Sum(b => b.Drops)} refusals={bots.Sum(b => b.Refusals)}");
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var report = BotReport.From(bots, seconds);
            foreach (var bot in bots) bot.Stop();
            return report;
        }
        finally
        {
            foreach (var bot in bots) bot.Dispose();
        }
    }

    private static void Drive(BotPlayer[] bots, long end, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= end) return;
            foreach (var bot in bots) bot.Update(now);
            Thread.Sleep(1);
        }
    }
}
