namespace GameServer.Server.Metrics;

/// <summary>Histogram bucket boundaries (milliseconds), given to the instruments as advice so every exporter uses them.</summary>
/// <remarks>The SDK's default boundaries start at 5 ms: a healthy tick (about 1 ms) or capture pause (about 0.05 ms) would fall in the first bucket.</remarks>
internal static class DurationBuckets
{
    /// <summary>Tick durations: fine below the 33 ms budget of 30 ticks/s, coarse beyond it.</summary>
    public static readonly IReadOnlyList<double> Tick =
        [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 25, 33.3, 50, 75, 100, 250, 500, 1000];

    /// <summary>Save phases: from a 10 µs capture pause to a 30 s write.</summary>
    public static readonly IReadOnlyList<double> SavePhase =
        [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];
}
