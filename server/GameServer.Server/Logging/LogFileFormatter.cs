using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace GameServer.Server.Logging;

/// <summary>
/// Serilog's file sink writes each event as the console shows it (<see cref="LogLineFormat"/>, never coloured),
/// so a line found in the file reads the same as on screen; an exception adds its full text on the lines below.
/// </summary>
internal sealed class LogFileFormatter : ITextFormatter
{
    // ":lj": strings literal (no quotes), as Microsoft.Extensions.Logging renders them on the console.
    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}", CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write(LogLineFormat.Timestamp(logEvent.Timestamp));
        output.Write(' ');
        output.Write(LogLineFormat.LevelName(ToLogLevel(logEvent.Level)));
        output.Write(' ');
        _message.Format(logEvent, output);
        output.WriteLine();
        if (logEvent.Exception is not null) output.WriteLine(logEvent.Exception.ToString());
    }

    private static LogLevel ToLogLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => LogLevel.Trace,
        LogEventLevel.Debug => LogLevel.Debug,
        LogEventLevel.Information => LogLevel.Information,
        LogEventLevel.Warning => LogLevel.Warning,
        LogEventLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
