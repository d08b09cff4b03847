namespace GameServer.Server.Ticking;

/// <summary>How the tick loop is keeping up: its rate, recent tick durations and overruns. Any thread.</summary>
public interface ITickStatistics
{
    /// <summary>Ticks per second.</summary>
    int TickRate { get; }

    /// <summary>Tick durations over the last minute.</summary>
    TickHistogram Histogram { get; }

    /// <summary>Ticks that took longer than one step.</summary>
    long Overruns { get; }
}
