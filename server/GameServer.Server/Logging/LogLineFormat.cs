using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Logging;

/// <summary>
/// The one shape of a log line, on the console and in the log file:
/// <c>2026-11-25T09:00:00.123Z INFO  message</c> (UTC, milliseconds, a five-column level).
/// </summary>
public static class LogLineFormat
{
    private const string Reset = "\u001b[0m";
    private const string Dim = "\u001b[2m";

    /// <summary>ISO 8601 UTC with milliseconds, whatever the offset of <paramref name="time"/>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The level as five columns: <c>TRACE</c>, <c>DEBUG</c>, <c>INFO </c>, <c>WARN </c>, <c>ERROR</c>, <c>CRIT </c>.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRIT ",
        _ => "     ",
    };

    /// <summary>
    /// One line: timestamp, level, message and, if any, the exception's type and message in brackets.
    /// With <paramref name="colour"/>, the timestamp is dimmed and the level coloured (ANSI SGR).
    /// </summary>
    public static string Format(DateTimeOffset time, LogLevel level, string message, Exception? exception, bool colour)
    {
        var suffix = exception is null ? "" : " (" + exception.GetType().Name + ": " + exception.Message + ")";
        if (!colour) return Timestamp(time) + " " + LevelName(level) + " " + message + suffix;
        return Dim + Timestamp(time) + Reset + " " + LevelColour(level) + LevelName(level) + Reset + " " + message + suffix;
    }

    private static string LevelColour(LogLevel level) => level switch
    {
        LogLevel.Information => "\u001b[32m",
        LogLevel.Warning => "\u001b[33m",
        LogLevel.Error => "\u001b[31m",
        LogLevel.Critical => "\u001b[1;31m",
        _ => "\u001b[90m",
    };
}
