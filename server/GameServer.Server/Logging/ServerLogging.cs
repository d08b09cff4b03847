using System.Globalization;
using System.Text;
using GameServer.Server.Settings;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace GameServer.Server.Logging;

/// <summary>
/// The dedicated server's logging: one level (<see cref="ServerOptions.LogLevel"/>) for the console, written
/// through its <see cref="IConsoleWriter"/>, and for a rolling log file in <see cref="ServerOptions.LogDirectoryOrDefault"/>.
/// </summary>
/// <remarks>
/// The file is Serilog's file sink: a new file each local day (<c>gameserver-20261125.log</c>) and another when
/// one passes <see cref="FileSizeLimitBytes"/> (<c>gameserver-20261125_001.log</c>), the newest
/// <see cref="RetainedFiles"/> kept, so a chatty server cannot fill the disk. Each line is written through at
/// once (no buffering): the log is low-volume and a crash must not lose its last lines. Dispose flushes and
/// closes the file.
/// </remarks>
public sealed partial class ServerLogging : IDisposable
{
    /// <summary>Size at which the day's file rolls over to a numbered one.</summary>
    public const long FileSizeLimitBytes = 10_000_000;

    /// <summary>Newest log files kept; older ones are deleted as new ones start.</summary>
    public const int RetainedFiles = 14;

    private readonly ILoggerFactory _factory;

    private ServerLogging(ILoggerFactory factory, string directory, string file)
    {
        _factory = factory;
        Directory = directory;
        CurrentFile = file;
        Logger = factory.CreateLogger("gameserver");
    }

    /// <summary>The server's logger: console and file.</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; }

    /// <summary>The folder of the log files (absolute).</summary>
    public string Directory { get; }

    /// <summary>Today's log file (absolute), as named at start.</summary>
    public string CurrentFile { get; }

    /// <summary>Creates the log folder, opens the file sink and logs where the file is.</summary>
    /// <exception cref="IOException">The log folder cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The log folder cannot be created.</exception>
    public static ServerLogging Create(ServerOptions options, IConsoleWriter console)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.LogDirectoryOrDefault);
        System.IO.Directory.CreateDirectory(directory);

        // Serilog names the day's file after the local date; so does this, to name the file it opens.
        var file = Path.Combine(directory, "gameserver-" + DateTime.Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".log");
        var fileLogger = new LoggerConfiguration()
            .MinimumLevel.Verbose() // the factory filters; Serilog writes what reaches it
            .WriteTo.File(
                new LogFileFormatter(),
                Path.Combine(directory, "gameserver-.log"),
                fileSizeLimitBytes: FileSizeLimitBytes,
                rollingInterval: RollingInterval.Day,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: RetainedFiles,
                encoding: new UTF8Encoding(encoderShouldEmitUTF8Identifier: false))
            .CreateLogger();

        var factory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(options.LogLevel)
            .AddProvider(new ConsoleLogProvider(new ConsoleLog(console, LogLevel.Trace)))
            .AddProvider(new SerilogLoggerProvider(fileLogger, dispose: true)));
        var logging = new ServerLogging(factory, directory, file);
        LogFileOpened(logging.Logger, file, LevelName(options.LogLevel), RetainedFiles);
        return logging;
    }

    /// <summary>The settings' name of <paramref name="level"/> (<c>trace</c> ... <c>error</c>).</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };

    /// <summary>Flushes and closes the log file.</summary>
    public void Dispose() => _factory.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "log file {File} (level {Level}; a new file each day, the newest {Kept} kept)")]
    private static partial void LogFileOpened(Microsoft.Extensions.Logging.ILogger logger, string file, string level, int kept);
}
