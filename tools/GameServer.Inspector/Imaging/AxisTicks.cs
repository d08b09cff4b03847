using System.Globalization;

namespace GameServer.Inspector.Imaging;

/// <summary>Round tick values (1-2-5 steps) for an axis in world units, and their labels.</summary>
internal static class AxisTicks
{
    /// <summary>
    /// Ticks within [min, max] whose labels, <paramref name="labelSpace"/> pixels each, do not crowd an
    /// axis <paramref name="pixels"/> long.
    /// </summary>
    public static List<(double Value, string Label)> For(double min, double max, int pixels, Func<string, int> labelSpace)
    {
        // About one tick per 80 pixels, rounded to the nearest 1-2-5 step rather than always up.
        var step = Step((max - min) / Math.Max(2, pixels / 80) / 1.5);
        while (true)
        {
            var ticks = new List<(double, string)>();
            var widest = 0;
            for (var i = Math.Ceiling(min / step); i * step <= max + (step * 1e-9); i++)
            {
                var label = Format(i * step, step);
                ticks.Add((i * step, label));
                widest = Math.Max(widest, labelSpace(label));
            }

            if (ticks.Count <= 2 || step / (max - min) * pixels >= widest + 8) return ticks;
            step = Step(step * 1.5); // the next 1-2-5 value
        }
    }

    /// <summary>The smallest 1-2-5 value at or above <paramref name="rough"/>.</summary>
    public static double Step(double rough)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var m in (ReadOnlySpan<double>)[1, 2, 5])
        {
            if (m * decade >= rough * 0.9999) return m * decade;
        }

        return 10 * decade;
    }

    /// <summary>As many decimals as the step needs; exponent form for huge or tiny values.</summary>
    public static string Format(double value, double step)
    {
        if (Math.Abs(value) < step * 1e-6) value = 0; // -0 and rounding noise
        var magnitude = Math.Abs(value);
        if (magnitude >= 1e7 || (magnitude > 0 && magnitude < 1e-4)) return value.ToString("0.##e0", CultureInfo.InvariantCulture);
        var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)), 0, 6);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
