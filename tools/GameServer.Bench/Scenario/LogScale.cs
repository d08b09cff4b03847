namespace GameServer.Bench.Scenario;

/// <summary>
/// A logarithmic value axis from <see cref="Low"/> to <see cref="High"/> (both on the 1-2-5 series) mapped
/// onto a pixel span, with the gridline values worth labelling.
/// </summary>
/// <remarks>
/// Log, not linear: sub-millisecond ticks and 80 ms stalls share one picture, and both panels share the
/// scale, so a line at the same height means the same duration in each.
/// </remarks>
public sealed class LogScale
{
    private static readonly double[] s_series = [1, 2, 5];

    public LogScale(double low, double high)
    {
        Low = SeriesFloor(Math.Max(low, 1e-3));
        High = Math.Max(SeriesCeiling(high), Low * 10);
    }

    public double Low { get; }

    public double High { get; }

    /// <summary>Fraction of the way up the axis (0 at <see cref="Low"/>, 1 at <see cref="High"/>), clamped.</summary>
    public double Fraction(double value)
    {
        var clamped = Math.Clamp(value, Low, High);
        return Math.Log(clamped / Low) / Math.Log(High / Low);
    }

    /// <summary>
    /// Gridline values: every 1-2-5 step when the axis spans three decades or fewer, else powers of ten
    /// only, so labels never crowd.
    /// </summary>
    public List<double> Gridlines()
    {
        var every = Math.Log10(High / Low) <= 3;
        var lines = new List<double>();
        for (var decade = Math.Pow(10, Math.Floor(Math.Log10(Low))); decade <= High * 1.0001; decade *= 10)
        {
            foreach (var step in s_series)
            {
                var value = decade * step;
                if ((step == 1 || every) && value >= Low * 0.9999 && value <= High * 1.0001) lines.Add(value);
            }
        }

        return lines;
    }

    /// <summary>The largest 1-2-5 value at or below <paramref name="value"/>.</summary>
    public static double SeriesFloor(double value)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(value)));
        for (var i = s_series.Length - 1; i >= 0; i--)
        {
            if (s_series[i] * decade <= value * 1.0001) return s_series[i] * decade;
        }

        return decade;
    }

    /// <summary>The smallest 1-2-5 value at or above <paramref name="value"/>.</summary>
    public static double SeriesCeiling(double value)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in s_series)
        {
            if (step * decade >= value * 0.9999) return step * decade;
        }

        return 10 * decade;
    }
}
