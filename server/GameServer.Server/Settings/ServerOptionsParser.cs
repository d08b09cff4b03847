using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GameServer.Cli;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Storage;
using GameServer.Server.Metrics;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Settings;

/// <summary>
/// Reads <see cref="ServerOptions"/> from command-line flags over <c>GAMESERVER_*</c> environment variables
/// over an optional JSON file (<c>--config FILE</c>, else <c>gameserver.json</c> in the working folder).
/// </summary>
public static class ServerOptionsParser
{
    // A settings file may carry comments (gameserver.example.json explains each setting) and trailing commas.
    private static readonly JsonDocumentOptions s_json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly Setting[] Settings =
    [
        new("saves", "DIR", "root folder of save files", "saves"),
        new("store", "ADDRESS", "where saves live: file:DIR (same as --saves DIR) or azblob:CONTAINER/PREFIX (account from env GAMESERVER_AZURE_CONNECTION_STRING)", "file:saves"),
        new("world", "NAME", "world name (its saves go to <saves>/<world>/)", "default"),
        new("entities", "N", "entities of a newly generated demo world", "200000"),
        new("seed", "N", "seed of the demo world and simulation", "1"),
        new("tick-rate", "HZ", "ticks per second (1-1000)", "30"),
        new("autosave-interval", "SECONDS", "seconds between scheduled autosaves", "60"),
        new("keep", "N", "newest autosaves to keep (plus hourly/daily tiers)", "10"),
        new("delta", "on|off", "autosaves as deltas against the previous autosave (only the changed blocks)", "on"),
        new("full-every", "N", "most delta autosaves before a full one (0-1000)", "10"),
        new("save-nice", "N", "nice levels the save's threads (autosave, blob uploads) run below the tick thread (0-19; 0: same priority)", "10"),
        new("free-space-margin", "SIZE", "free space a save must leave on the volume, e.g. 64M, 1G, 500MB (at most 5% of the volume)", "64M"),
        new("codec", "CODEC", "save codec: zstd-1 (default), zstd-N, none; +noshuffle to skip the filter", "zstd-1"),
        new("port", "PORT", "UDP port for players (0: any free port)", "9050"),
        new("bind", "ADDRESS", "IPv4 address the players' port binds", "0.0.0.0"),
        new("max-players", "N", "most player connections at once", "256"),
        new("connection-key", "KEY", "connection key clients send (filters stray traffic; not authentication)", "gameserver"),
        new("log-level", "LEVEL", "least severe log lines shown and kept: trace, debug, information, warning, error", "information"),
        new("log-dir", "DIR", "folder of the rolling log files (gameserver-YYYYMMDD.log)", "<saves>/logs"),
        new("metrics-port", "PORT", "serve Prometheus metrics at http://<metrics-bind>:PORT/metrics (0: any free port; off: none)", "off"),
        new("metrics-bind", "ADDRESS", "address the metrics port listens on: an IP, localhost, or * for all", "127.0.0.1"),
        new("admin-port", "PORT", "remote admin UDP port (0 = any free port)", "9051"),
        new("admin-bind", "ADDRESS", "remote admin bind address (IPv4)", "127.0.0.1"),
        new("admin-key-file", "FILE", "remote admin key, created (mode 0600) when missing; 'none' turns remote admin off", "<saves>/admin.key"),
    ];

    /// <summary>The JSON keys of every setting, in <c>--help</c> order (what a complete settings file holds).</summary>
    public static IEnumerable<string> JsonNames => Settings.Select(s => s.JsonName);

    /// <summary>The <c>GAMESERVER_*</c> environment variables of every setting, plus <c>GAMESERVER_CONFIG</c>.</summary>
    public static IEnumerable<string> EnvironmentNames => Settings.Select(s => s.EnvironmentName).Append("GAMESERVER_CONFIG");

    /// <summary>The <c>gameserver</c> command line: one option per setting, <c>--config</c>, <c>--help</c>, <c>--version</c>.</summary>
    public static ToolCommand CreateCommand()
    {
        var root = ToolCommandLine.CreateRoot(
            "gameserver",
            "Runs the dedicated game server: a fixed-rate tick loop over a demo world, autosaving on a schedule.",
            typeof(ServerOptionsParser).Assembly);
        root.Epilogue = """
            Flags beat GAMESERVER_* environment variables, which beat the JSON file (--config FILE, or
            gameserver.json in the working folder if present; gameserver.example.json lists every setting).
            Type 'help' on the console for admin commands.
            """;
        foreach (var s in Settings)
            root.AddOverridable("--" + s.Name, s.Value, $"{s.Description} (default {s.Default}; env {s.EnvironmentName}, json \"{s.JsonName}\")");
        root.AddOverridable("--config", "FILE", "JSON settings file (env GAMESERVER_CONFIG)");
        return root;
    }

    /// <summary>The text of <c>--help</c>.</summary>
    public static string Help() => ToolHelp.Text(CreateCommand());

    /// <summary>
    /// Parses the process's command line the way every tool of the project does: <c>--help</c> and
    /// <c>--version</c> print and give exit code 0, a usage error or bad value is one line on
    /// <paramref name="stderr"/> and exit code 2. Returns the options to run with, or null with
    /// <paramref name="exitCode"/> set when there is nothing to run.
    /// </summary>
    public static ServerOptions? ParseCommandLine(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory,
        TextWriter stdout, TextWriter stderr, out int exitCode)
    {
        var command = CreateCommand();
        if (ToolCommandLine.Parse(command, args, stdout, stderr, out var result) is { } exit)
        {
            exitCode = exit;
            return null;
        }

        try
        {
            exitCode = ExitCodes.Ok;
            return Bind(result, environment, workingDirectory);
        }
        catch (OptionsException e)
        {
            exitCode = ToolCommandLine.ReportUsage(command, e.Message, stderr);
            return null;
        }
    }

    /// <summary>Parses; throws <see cref="OptionsException"/> with a one-line message on a bad value.</summary>
    public static ServerOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = CreateCommand().Parse(args);
        if (UsageErrors.Describe(result) is { } problem) throw new OptionsException(problem);
        return Bind(result, environment, workingDirectory);
    }

    private static ServerOptions Bind(ParseResult result, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        var configPath = Last(result, "--config") ?? environment.GetValueOrDefault("GAMESERVER_CONFIG");
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in Settings)
        {
            if (Last(result, "--" + s.Name) is { } flag) flags[s.Name] = flag;
        }

        configPath ??= File.Exists(Path.Combine(workingDirectory, "gameserver.json")) ? Path.Combine(workingDirectory, "gameserver.json") : null;
        if (configPath is not null) ReadJson(configPath, values);
        foreach (var s in Settings)
        {
            if (environment.GetValueOrDefault(s.EnvironmentName) is { Length: > 0 } env) values[s.Name] = (env, s.EnvironmentName);
            if (flags.TryGetValue(s.Name, out var flag)) values[s.Name] = (flag, "--" + s.Name);
        }

        var options = new ServerOptions();
        foreach (var (name, (value, source)) in values)
        {
            options = name switch
            {
                "saves" => options with { SavesRoot = SavesPath(value, source) },
                "store" => Store(options, value, source),
                "world" => options with { WorldName = WorldName(value, source) },
                "entities" => options with { Entities = Int(value, source, 0, 50_000_000) },
                "seed" => options with { Seed = Int(value, source, int.MinValue, int.MaxValue) },
                "tick-rate" => options with { TickRate = Int(value, source, 1, 1000) },
                "autosave-interval" => options with { AutosaveIntervalSeconds = Seconds(value, source) },
                "keep" => options with { Keep = Int(value, source, 1, 10_000) },
                "delta" => options with { Delta = OnOff(value, source) },
                "full-every" => options with { FullEvery = Int(value, source, 0, 1000) },
                "save-nice" => options with { SaveNice = Int(value, source, 0, 19) },
                "free-space-margin" => options with { FreeSpaceMarginBytes = Size(value, source) },
                "codec" => options with { Codec = Codec(value, source) },
                "port" => options with { Port = Int(value, source, 0, 65535) },
                "bind" => options with { Bind = Address(value, source) },
                "max-players" => options with { MaxPlayers = Int(value, source, 1, 65535) },
                "connection-key" => options with { ConnectionKey = NonEmpty(value, source) },
                "log-level" => options with { LogLevel = Level(value, source) },
                "log-dir" => options with { LogDirectory = NonEmpty(value, source) },
                "metrics-port" => options with { MetricsPort = OptionalPort(value, source) },
                "metrics-bind" => options with { MetricsBind = MetricsAddress(value, source) },
                "admin-port" => options with { AdminPort = Int(value, source, 0, 65_535) },
                "admin-bind" => options with { AdminBind = Address(value, source) },
                "admin-key-file" => options with { AdminKeyFile = NonEmpty(value, source) },
                _ => options,
            };
        }

        return options;
    }

    /// <summary>The last value of a flag: given twice, the later one wins (as it always has).</summary>
    private static string? Last(ParseResult result, string name) => result.GetValue<string[]>(name) is [.., var last] ? last : null;

    private static bool OnOff(string value, string source) => value.ToLowerInvariant() switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new OptionsException($"{source}: expected on or off, got '{value}'"),
    };

    private static void ReadJson(string path, Dictionary<string, (string, string)> values)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), s_json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new OptionsException($"{path}: settings must be a JSON object");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var setting = Array.Find(Settings, s => s.JsonName == property.Name)
                    ?? throw new OptionsException($"{path}: unknown setting \"{property.Name}\"");
                values[setting.Name] = (property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText(), $"{path}:{property.Name}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new OptionsException($"cannot read settings file {path}: {e.Message}");
        }
    }

    /// <summary>A blob address goes to <see cref="ServerOptions.BlobStore"/>; <c>file:DIR</c> is the save root, as today.</summary>
    private static ServerOptions Store(ServerOptions options, string value, string source)
    {
        StoreAddress address;
        try
        {
            address = StoreAddress.Parse(value);
        }
        catch (FormatException e)
        {
            throw new OptionsException($"{source}: {e.Message}");
        }

        return address.IsBlob ? options with { BlobStore = address } : options with { SavesRoot = SavesPath(address.Root, source), BlobStore = null };
    }

    private static string NonEmpty(string value, string source) =>
        string.IsNullOrWhiteSpace(value) ? throw new OptionsException($"{source} must not be empty") : value;

    /// <summary>A path the OS can take: NUL or other control characters would only fail later, with a stack trace.</summary>
    private static string SavesPath(string value, string source)
    {
        NonEmpty(value, source);
        if (value.AsSpan().IndexOfAnyInRange('\0', '\x1f') >= 0) throw new OptionsException($"{source} must not contain control characters such as NUL or a newline");
        try
        {
            Path.GetFullPath(value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OptionsException($"{source} is not a usable path: {e.Message}");
        }

        return value;
    }

    private static string WorldName(string value, string source) =>
        SaveNames.ValidateLabel(value) is { } problem ? throw new OptionsException($"{source}: world name '{Printable(value)}': {problem}") : value;

    /// <summary><paramref name="value"/> with control characters escaped, so an error stays on one line.</summary>
    private static string Printable(string value)
    {
        if (value.AsSpan().IndexOfAnyInRange('\0', '\x1f') < 0) return value;
        var text = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value) text.Append(c < ' ' ? $"\\x{(int)c:x2}" : c.ToString());
        return text.ToString();
    }

    private static int Int(string value, string source, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new OptionsException($"{source} must be a whole number from {min} to {max} (got '{value}')");

    private static long Size(string value, string source) =>
        GameServer.Persistence.Reading.ByteSize.TryParse(value, out var bytes)
            ? bytes
            : throw new OptionsException($"{source} must be a size in bytes such as 64M, 1G or 500MB (got '{value}')");

    private static double Seconds(string value, string source) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0.05 && s <= 86_400
            ? s
            : throw new OptionsException($"{source} must be a number of seconds from 0.05 to 86400 (got '{value}')");

    private static string Address(string value, string source) =>
        System.Net.IPAddress.TryParse(value, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? value
            : throw new OptionsException($"{source} must be an IPv4 address such as 0.0.0.0 or 127.0.0.1 (got '{value}')");

    private static string Codec(string value, string source)
    {
        try
        {
            SaveCodecOptions.Parse(value);
            return value;
        }
        catch (FormatException e)
        {
            throw new OptionsException($"{source}: {e.Message}");
        }
    }

    private static LogLevel Level(string value, string source) => value.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "information" or "info" => LogLevel.Information,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new OptionsException($"{source} must be trace, debug, information, warning or error (got '{value}')"),
    };

    private static int? OptionalPort(string value, string source) =>
        string.Equals(value, "off", StringComparison.OrdinalIgnoreCase) ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65_535 ? port
        : throw new OptionsException($"{source} must be off or a port from 0 to 65535 (got '{value}')");

    private static string MetricsAddress(string value, string source)
    {
        try
        {
            PrometheusEndpoint.ParseBind(value);
            return value;
        }
        catch (ArgumentException)
        {
            throw new OptionsException($"{source} must be an IP address, 'localhost' or '*' (got '{value}')");
        }
    }

    private sealed record Setting(string Name, string Value, string Description, string Default)
    {
        public string EnvironmentName => "GAMESERVER_" + Name.Replace('-', '_').ToUpperInvariant();

        public string JsonName => Name switch
        {
            "tick-rate" => "tickRate",
            "autosave-interval" => "autosaveInterval",
            "max-players" => "maxPlayers",
            "connection-key" => "connectionKey",
            "log-level" => "logLevel",
            "log-dir" => "logDir",
            "metrics-port" => "metricsPort",
            "metrics-bind" => "metricsBind",
            "full-every" => "fullEvery",
            "free-space-margin" => "freeSpaceMargin",
            "save-nice" => "saveNice",
            "admin-port" => "adminPort",
            "admin-bind" => "adminBind",
            "admin-key-file" => "adminKeyFile",
            _ => Name,
        };
    }
}
