namespace GameServer.Server.Ticking;

/// <summary>
/// Tick durations over the last window (a minute of ticks): p50, p99 and max on demand.
/// </summary>
/// <remarks>Recording is a store into a preallocated ring (tick thread, no allocation); percentiles sort a preallocated copy.</remarks>
public sealed class TickHistogram
{
    private readonly double[] _ring;
    private readonly double[] _sorted;
    private readonly object _gate = new();
    private long _recorded;

    /// <summary>Keeps the last <paramref name="window"/> durations.</summary>
    public TickHistogram(int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _ring = new double[window];
        _sorted = new double[window];
    }

    /// <summary>Total durations recorded.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Records one tick's duration in milliseconds.</summary>
    public void Record(double milliseconds)
    {
        lock (_gate)
        {
            _ring[_recorded % _ring.Length] = milliseconds;
            _recorded++;
        }
    }

    /// <summary>p50, p99 and max of the window (zeros when empty).</summary>
    public (double P50, double P99, double Max) Summary()
    {
        lock (_gate)
        {
            var n = (int)Math.Min(_recorded, _ring.Length);
            if (n == 0) return (0, 0, 0);
            Array.Copy(_ring, _sorted, n);
            Array.Sort(_sorted, 0, n);
            return (_sorted[(n - 1) / 2], _sorted[Math.Min(n - 1, (int)Math.Ceiling(n * 0.99) - 1)], _sorted[n - 1]);
        }
    }
}
