using GameServer.Cli;

namespace GameServer.Bot;

/// <summary>gamebot's settings.</summary>
internal sealed record BotOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 9050;

    public int Players { get; init; } = 10;

    public double Seconds { get; init; } = 10;

    public bool Json { get; init; }

    public string? TokensFile { get; init; }

    public string ConnectionKey { get; init; } = "gameserver";

    public string NamePrefix { get; init; } = "bot";

    /// <summary>Inputs each bot sends per second.</summary>
    public int InputRate { get; init; } = 20;

    /// <summary>
    /// The <c>gamebot</c> command line (the project's shared convention: --help, --version, one-line usage
    /// errors with exit code 2); its action runs <paramref name="run"/> with the options given.
    /// </summary>
    public static ToolCommand CreateCommand(Func<BotOptions, int> run)
    {
        var d = new BotOptions();
        var root = ToolCommandLine.CreateRoot("gamebot", "N simulated players against a game server, then a report of what they felt.", typeof(BotOptions).Assembly);
        root.Usage = "--host H --port P --players N --seconds S [--json] [--tokens FILE] [--key KEY] [--name-prefix P] [--input-rate HZ]";
        root.Epilogue = "Exit codes: 0 when every bot joined at least once, 1 when not, 2 bad usage.";
        var host = root.AddValue("--host", "H", $"server address (default {d.Host})");
        var port = root.AddValue("--port", "P", $"the server's player UDP port, 1 to 65535 (default {d.Port})");
        var players = root.AddValue("--players", "N", $"simulated players, 1 to 10000 (default {d.Players})");
        var seconds = root.AddValue("--seconds", "S", $"seconds to play, up to 86400 (default {d.Seconds})");
        var json = root.AddFlag("--json", "print the report as JSON");
        var tokens = root.AddValue("--tokens", "FILE", "file keeping the bots' reconnect tokens across runs");
        var key = root.AddValue("--key", "KEY", $"connection key the server expects (default {d.ConnectionKey})");
        var prefix = root.AddValue("--name-prefix", "P", $"player name prefix (default {d.NamePrefix})");
        var rate = root.AddValue("--input-rate", "HZ", $"inputs each bot sends per second, 1 to 60 (default {d.InputRate})");
        root.SetAction(r => run(new BotOptions
        {
            Host = r.GetValue(host) ?? d.Host,
            Port = OptionValues.Int(r, port, d.Port, 1, 65535),
            Players = OptionValues.Int(r, players, d.Players, 1, 10_000),
            Seconds = OptionValues.Number(r, seconds, d.Seconds, 0.001, 86_400),
            Json = r.GetValue(json),
            TokensFile = r.GetValue(tokens),
            ConnectionKey = r.GetValue(key) ?? d.ConnectionKey,
            NamePrefix = r.GetValue(prefix) ?? d.NamePrefix,
            InputRate = OptionValues.Int(r, rate, d.InputRate, 1, 60),
        }));
        return root;
    }
}
