using Microsoft.Extensions.Logging;

namespace GameServer.Server.Logging;

/// <summary>
/// The console's logger: <see cref="LogLineFormat"/> lines on an <see cref="IConsoleWriter"/>, information and
/// below on stdout, warnings and errors on stderr, coloured only where the writer says the stream is a terminal.
/// </summary>
/// <remarks>The log file is a second provider beside this one (<see cref="ServerLogging"/>).</remarks>
public sealed class ConsoleLog : ILogger
{
    private readonly TimeProvider _time;
    private readonly LogLevel _minimum;

    /// <summary>Every line, warnings included, on <paramref name="writer"/>, uncoloured (tests, embedders).</summary>
    public ConsoleLog(TextWriter writer, TimeProvider? time = null)
        : this(new PlainConsoleWriter(writer, writer), LogLevel.Information, time)
    {
    }

    /// <summary>Lines of <paramref name="minimum"/> and above on <paramref name="console"/>.</summary>
    public ConsoleLog(IConsoleWriter console, LogLevel minimum = LogLevel.Information, TimeProvider? time = null)
    {
        Console = console ?? throw new ArgumentNullException(nameof(console));
        _minimum = minimum;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Where the lines go.</summary>
    public IConsoleWriter Console { get; }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= _minimum;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel)) return;
        var stream = logLevel >= LogLevel.Warning ? ConsoleStream.Error : ConsoleStream.Output;
        Console.WriteLine(LogLineFormat.Format(_time.GetUtcNow(), logLevel, formatter(state, exception), exception, Console.UsesColour(stream)), stream);
    }
}
