using System.Globalization;

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

    public const string Usage = "usage: gamebot --host H --port P --players N --seconds S [--json] [--tokens FILE] [--key KEY] [--name-prefix P] [--input-rate HZ]";

    /// <summary>Parses the command line; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static BotOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BotOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag == "--json")
            {
                options = options with { Json = true };
                continue;
            }

            if (i + 1 >= args.Count) throw new FormatException($"{flag} needs a value");
            var value = args[++i];
            options = flag switch
            {
                "--host" => options with { Host = value },
                "--port" => options with { Port = Int(flag, value, 1, 65535) },
                "--players" => options with { Players = Int(flag, value, 1, 10_000) },
                "--seconds" => options with { Seconds = ParseSeconds(flag, value) },
                "--tokens" => options with { TokensFile = value },
                "--key" => options with { ConnectionKey = value },
                "--name-prefix" => options with { NamePrefix = value },
                "--input-rate" => options with { InputRate = Int(flag, value, 1, 60) },
                _ => throw new FormatException($"unknown option {flag}"),
            };
        }

        return options;
    }

    private static int Int(string flag, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{flag} must be a whole number from {min} to {max} (got '{value}')");

    private static double ParseSeconds(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 86_400
            ? s
            : throw new FormatException($"{flag} must be a number of seconds (got '{value}')");
}
