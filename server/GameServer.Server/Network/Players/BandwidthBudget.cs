namespace GameServer.Server.Network.Players;

/// <summary>
/// A token bucket of bytes per second for one player's state updates: each update spends what it sends;
/// the bucket refills with the tick and holds at most one second's worth.
/// </summary>
/// <remarks>Tick thread only; arithmetic on ticks, so it is deterministic in tests.</remarks>
internal sealed class BandwidthBudget(int bytesPerSecond, int tickRate)
{
    private readonly double _perTick = bytesPerSecond / (double)tickRate;
    private double _available = bytesPerSecond;
    private long _lastTick = -1;

    /// <summary>Bytes that may be sent now, after refilling up to <paramref name="tick"/>.</summary>
    public int Available(long tick)
    {
        if (_lastTick >= 0) _available = Math.Min(bytesPerSecond, _available + ((tick - _lastTick) * _perTick));
        _lastTick = tick;
        return (int)_available;
    }

    /// <summary>Spends <paramref name="bytes"/>.</summary>
    public void Spend(int bytes) => _available -= bytes;
}
