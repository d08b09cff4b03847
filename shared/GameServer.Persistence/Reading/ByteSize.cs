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

    /// <summary>
    /// Reads a size a person typed: a whole number of bytes, optionally with a unit (case-insensitive, a space
    /// allowed before it): <c>B</c>; <c>K</c>, <c>M</c>, <c>G</c>, <c>T</c> and <c>KiB</c>, <c>MiB</c>, <c>GiB</c>,
    /// <c>TiB</c> are binary (1024 apart, as in <c>df -h</c> and systemd); <c>kB</c>, <c>MB</c>, <c>GB</c>,
    /// <c>TB</c> are decimal. False for anything else, a fraction or a negative number, or more than <see cref="long.MaxValue"/>.
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits])) digits++;
        if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        long? multiplier = span[digits..].Trim().ToString().ToLowerInvariant() switch
        {
            "" or "b" => 1,
            "k" or "kib" => 1L << 10,
            "m" or "mib" => 1L << 20,
            "g" or "gib" => 1L << 30,
            "t" or "tib" => 1L << 40,
            "kb" => 1000,
            "mb" => 1000_000,
            "gb" => 1000_000_000,
            "tb" => 1000_000_000_000,
            _ => null,
        };
        if (multiplier is not { } m || number > long.MaxValue / m) return false;
        bytes = number * m;
        return true;
    }
}
