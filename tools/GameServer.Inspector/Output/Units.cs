using System.Globalization;

namespace GameServer.Inspector.Output;

/// <summary>Human-readable sizes, ratios and times (invariant culture, UTC).</summary>
internal static class Units
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>Raw over stored: how many times smaller the save is than the data it holds.</summary>
    public static double Ratio(long raw, long stored) => stored == 0 ? 0 : Math.Round((double)raw / stored, 2);

    public static string RatioText(long raw, long stored) => Ratio(raw, stored).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    /// <summary>ISO 8601 UTC with milliseconds.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
