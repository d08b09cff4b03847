using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Logging;

/// <summary>
/// Timestamped, level-tagged lines on a text writer (stdout): <c>2026-11-25T09:00:00.123Z INFO  message</c>.
/// Also the sink for console command output, so the two never interleave mid-line.
/// </summary>
public sealed class ConsoleLog : ILogger
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();
    private readonly TimeProvider _time;

    /// <summary>Writes to <paramref name="writer"/>.</summary>
    public ConsoleLog(TextWriter writer, TimeProvider? time = null)
    {
        _writer = writer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Writes a plain line (command output), unprefixed.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel)) return;
        var level = logLevel switch
        {
            LogLevel.Information => "INFO ",
            LogLevel.Warning => "WARN ",
            LogLevel.Error => "ERROR",
            LogLevel.Critical => "CRIT ",
            _ => "DEBUG",
        };
        var line = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + " " + level + " " + formatter(state, exception);
        if (exception is not null) line += " (" + exception.GetType().Name + ": " + exception.Message + ")";
        WriteLine(line);
    }
}
