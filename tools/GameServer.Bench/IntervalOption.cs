using System.CommandLine;
using System.Globalization;
using GameServer.Cli;

namespace GameServer.Bench;

/// <summary>The autosave interval of a benchmark: <c>1s</c>, <c>500ms</c>, or a plain number of seconds.</summary>
public static class IntervalOption
{
    /// <summary>Shortest interval accepted: below it saves overlap (the next capture waits for the previous save).</summary>
    public static readonly TimeSpan Min = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest interval accepted.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(1);

    /// <summary>The interval given for <paramref name="option"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public static TimeSpan Value(ParseResult result, Option<string> option, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        return result.GetValue(option) is { } text ? Parse(text, option.Name) : fallback;
    }

    /// <summary><paramref name="text"/> as an interval from <see cref="Min"/> to <see cref="Max"/>.</summary>
    /// <exception cref="UsageException">Not a number with an optional <c>s</c>/<c>ms</c> unit, or out of range.</exception>
    public static TimeSpan Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : (text, 1.0);
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            var interval = TimeSpan.FromSeconds(value * scale);
            if (interval >= Min && interval <= Max) return interval;
        }

        throw new UsageException($"{name} must be a duration from 100ms to 3600s, e.g. 1s, 500ms or 2 (got '{text}')");
    }
}
