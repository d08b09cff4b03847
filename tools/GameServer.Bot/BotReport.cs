using System.Globalization;
using System.Text.Json;

namespace GameServer.Bot;

/// <summary>What a bot run measured, over all bots.</summary>
internal sealed record BotReport
{
    public int Players { get; init; }

    public double Seconds { get; init; }

    public int Joins { get; init; }

    public int JoinedAtEnd { get; init; }

    public int Refusals { get; init; }

    public int Drops { get; init; }

    public long InputsSent { get; init; }

    public long RoundTrips { get; init; }

    public double RttP50Ms { get; init; }

    public double RttP99Ms { get; init; }

    public double RttMaxMs { get; init; }

    public double UpdatesPerSecond { get; init; }

    public double BytesPerSecond { get; init; }

    public double MaxUpdateGapMs { get; init; }

    /// <summary>Sums the bots' counters and the round-trip percentiles.</summary>
    public static BotReport From(IReadOnlyList<BotPlayer> bots, double seconds)
    {
        var all = new List<double>();
        foreach (var bot in bots) all.AddRange(bot.RoundTrips);
        all.Sort();
        double Percentile(double p) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)Math.Ceiling(all.Count * p) - 1)];
        return new BotReport
        {
            Players = bots.Count,
            Seconds = seconds,
            Joins = bots.Sum(b => b.Joins),
            JoinedAtEnd = bots.Count(b => b.Joined),
            Refusals = bots.Sum(b => b.Refusals),
            Drops = bots.Sum(b => b.Drops),
            InputsSent = bots.Sum(b => b.InputsSent),
            RoundTrips = all.Count,
            RttP50Ms = Percentile(0.50),
            RttP99Ms = Percentile(0.99),
            RttMaxMs = all.Count == 0 ? 0 : all[^1],
            UpdatesPerSecond = bots.Sum(b => b.Updates) / seconds,
            BytesPerSecond = bots.Sum(b => b.BytesReceived) / seconds,
            MaxUpdateGapMs = bots.Count == 0 ? 0 : bots.Max(b => b.MaxGapMs),
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        players          {Players} ({JoinedAtEnd} joined at the end)
        seconds          {Seconds:0.0}
        joins            {Joins} (refusals {Refusals}, drops {Drops})
        inputs sent      {InputsSent} ({RoundTrips} echoed)
        rtt p50/p99/max  {RttP50Ms:0.0} / {RttP99Ms:0.0} / {RttMaxMs:0.0} ms (input sent -> applied -> echoed in a state update)
        updates          {UpdatesPerSecond:0.0}/s over all bots
        received         {BytesPerSecond / 1024:0.0} KiB/s
        max update gap   {MaxUpdateGapMs:0.0} ms
        """);
}
