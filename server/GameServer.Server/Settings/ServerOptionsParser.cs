using System.Globalization;
using System.Text.Json;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Storage;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Settings;

/// <summary>
/// Reads <see cref="ServerOptions"/> from command-line flags over <c>GAMESERVER_*</c> environment variables
/// over an optional JSON file (<c>--config FILE</c>, else <c>gameserver.json</c> in the working folder).
/// </summary>
public static class ServerOptionsParser
{
    private static readonly Setting[] Settings =
    [
        new("saves", "DIR", "root folder of save files", "saves"),
        new("world", "NAME", "world name (its saves go to <saves>/<world>/)", "default"),
        new("entities", "N", "entities of a newly generated demo world", "200000"),
        new("seed", "N", "seed of the demo world and simulation", "1"),
        new("tick-rate", "HZ", "ticks per second (1-1000)", "30"),
        new("autosave-interval", "SECONDS", "seconds between scheduled autosaves", "60"),
        new("keep", "N", "newest autosaves to keep (plus hourly/daily tiers)", "10"),
        new("codec", "CODEC", "save codec: zstd-1 (default), zstd-N, none; +noshuffle to skip the filter", "zstd-1"),
        new("port", "PORT", "UDP port for players (0: any free port)", "9050"),
        new("bind", "ADDRESS", "IPv4 address the players' port binds", "0.0.0.0"),
        new("max-players", "N", "most player connections at once", "256"),
        new("connection-key", "KEY", "connection key clients send (filters stray traffic; not authentication)", "gameserver"),
        new("log-level", "LEVEL", "least severe log lines shown and kept: trace, debug, information, warning, error", "information"),
        new("log-dir", "DIR", "folder of the rolling log files (gameserver-YYYYMMDD.log)", "<saves>/logs"),
    ];

    /// <summary>The text of <c>--help</c>.</summary>
    public static string Help()
    {
        var lines = new List<string>
        {
            "usage: gameserver [options]",
            "",
            "Runs the dedicated game server: a fixed-rate tick loop over a demo world, autosaving on a schedule.",
            "Type 'help' on the console for admin commands. Flags beat GAMESERVER_* environment variables,",
            "which beat the JSON file (--config FILE, or gameserver.json in the working folder if present).",
            "",
            "options:",
        };
        foreach (var s in Settings)
            lines.Add($"  --{s.Name} {s.Value,-8} {s.Description} (env {s.EnvironmentName}, json \"{s.JsonName}\", default {s.Default})");
        lines.Add("  --config FILE     JSON settings file (env GAMESERVER_CONFIG)");
        lines.Add("  -h, --help        show this help");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Parses; throws <see cref="OptionsException"/> with a one-line message on a bad value.</summary>
    public static ServerOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        string? configPath = environment.GetValueOrDefault("GAMESERVER_CONFIG");
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new OptionsException($"unexpected argument '{arg}' (see --help)");
            var name = arg[2..];
            string value;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else
            {
                if (i + 1 >= args.Count) throw new OptionsException($"--{name} needs a value (see --help)");
                value = args[++i];
            }

            if (name == "config") configPath = value;
            else if (Array.Exists(Settings, s => s.Name == name)) flags[name] = value;
            else throw new OptionsException($"unknown option --{name} (see --help)");
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
                "saves" => options with { SavesRoot = NonEmpty(value, source) },
                "world" => options with { WorldName = WorldName(value, source) },
                "entities" => options with { Entities = Int(value, source, 0, 50_000_000) },
                "seed" => options with { Seed = Int(value, source, int.MinValue, int.MaxValue) },
                "tick-rate" => options with { TickRate = Int(value, source, 1, 1000) },
                "autosave-interval" => options with { AutosaveIntervalSeconds = Seconds(value, source) },
                "keep" => options with { Keep = Int(value, source, 1, 10_000) },
                "codec" => options with { Codec = Codec(value, source) },
                "port" => options with { Port = Int(value, source, 0, 65535) },
                "bind" => options with { Bind = Address(value, source) },
                "max-players" => options with { MaxPlayers = Int(value, source, 1, 65535) },
                "connection-key" => options with { ConnectionKey = NonEmpty(value, source) },
                "log-level" => options with { LogLevel = Level(value, source) },
                "log-dir" => options with { LogDirectory = NonEmpty(value, source) },
                _ => options,
            };
        }

        return options;
    }

    private static void ReadJson(string path, Dictionary<string, (string, string)> values)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
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

    private static string NonEmpty(string value, string source) =>
        string.IsNullOrWhiteSpace(value) ? throw new OptionsException($"{source} must not be empty") : value;

    private static string WorldName(string value, string source) =>
        SaveNames.ValidateLabel(value) is { } problem ? throw new OptionsException($"{source}: world name '{value}': {problem}") : value;

    private static int Int(string value, string source, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new OptionsException($"{source} must be a whole number from {min} to {max} (got '{value}')");

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
            _ => Name,
        };
    }
}
