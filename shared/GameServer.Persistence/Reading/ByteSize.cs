using System.Globalization;

namespace GameServer.Persistence.Reading;

/// <summary>
/// Sizes for people, in decimal (SI) units: B, kB, MB, GB, TB, 1000 apart. The one formatting the
/// server's <c>saves</c> command and the inspector share.
/// </summary>
/// <remarks>
/// Decimal rather than binary (MiB) because the project already speaks it everywhere else (README,
/// benchmark reports, log lines), and disks and cloud storage are sold and billed in it: "14.8 MB" in a
/// listing then matches every other number an operator sees.
/// </remarks>
public static class ByteSize
{
    private static readonly string[] s_units = ["B", "kB", "MB", "GB", "TB", "PB"];

    /// <summary>
    /// <paramref name="bytes"/> with one decimal in the largest unit that keeps the number below 1000
    /// (e.g. <c>999 B</c>, <c>1.0 kB</c>, <c>56.6 MB</c>); whole bytes below 1 kB.
    /// </summary>
    public static string Format(long bytes)
    {
        if (Math.Abs(bytes) < 1000) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        double value = bytes;
        var unit = 0;
        // Compare with 999.95, not 1000: what would print as "1000.0 kB" reads as "1.0 MB".
        while (Math.Abs(value) >= 999.95 && unit < s_units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + s_units[unit];
    }
}
