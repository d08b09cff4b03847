using System.Globalization;

namespace GameServer.Inspector.Output;

/// <summary>Human-readable ratios and times (invariant culture, UTC); sizes are <see cref="GameServer.Persistence.Reading.ByteSize"/>.</summary>
internal static class Units
{
    /// <summary>Raw over stored: how many times smaller the save is than the data it holds.</summary>
    public static double Ratio(long raw, long stored) => stored == 0 ? 0 : Math.Round((double)raw / stored, 2);

    public static string RatioText(long raw, long stored) => Ratio(raw, stored).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    /// <summary>ISO 8601 UTC with exactly three fractional digits (milliseconds), e.g. 2026-11-25T09:23:29.174Z.</summary>
    public static string Time(DateTime utc) =>
        (utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
