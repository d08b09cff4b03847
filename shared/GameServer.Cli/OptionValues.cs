using System.CommandLine;
using System.Globalization;

namespace GameServer.Cli;

/// <summary>
/// Reads option values given as text with the project's error messages: a bad or out-of-range value is a
/// <see cref="UsageException"/> naming the option, the allowed range and what was given, never a silent default.
/// </summary>
public static class OptionValues
{
    /// <summary>The whole number given for <paramref name="option"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public static int Int(ParseResult result, Option<string> option, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        return result.GetValue(option) is { } text ? Int(text, option.Name, min, max) : fallback;
    }

    /// <summary><paramref name="text"/> as a whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int Int(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} must be a whole number from {min} to {max} (got '{text}')");

    /// <summary>The number given for <paramref name="option"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public static double Number(ParseResult result, Option<string> option, double fallback, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        if (result.GetValue(option) is not { } text) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option.Name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{text}')");
    }

    /// <summary>One of <paramref name="choices"/> given for <paramref name="option"/>, or <paramref name="fallback"/>.</summary>
    public static string Choice(ParseResult result, Option<string> option, string fallback, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(choices);
        if (result.GetValue(option) is not { } text) return fallback;
        return Array.IndexOf(choices, text) >= 0 ? text : throw new UsageException($"{option.Name} {text}: use {string.Join(", ", choices[..^1])} or {choices[^1]}");
    }

    /// <summary>The last value given for an option added with <see cref="ToolCommand.AddOverridable"/>; null when absent.</summary>
    public static string? Last(ParseResult result, Option<string[]> option)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        return result.GetValue(option) is [.., var last] ? last : null;
    }

    /// <summary>The text given for <paramref name="option"/>; a required option that is absent is a usage error.</summary>
    public static string Required(ParseResult result, Option<string> option, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        return result.GetValue(option) is { Length: > 0 } text ? text : throw new UsageException($"{option.Name} {what} is required");
    }
}
