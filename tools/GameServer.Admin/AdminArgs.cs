using System.Globalization;

namespace GameServer.Admin;

/// <summary>gameadmin's command line: where the server is, the key file, and the command (none: interactive).</summary>
internal sealed record AdminArgs(string Host, int Port, string KeyFile, TimeSpan Timeout, string? Command)
{
    public const string Usage = """
        usage: gameadmin [--host H] [--port P] [--key-file F] [--timeout SECONDS] [command ...]

        Runs server admin commands over the authenticated remote admin channel. With a command, runs it once
        and exits; without one, reads commands from a prompt (with history) or, when stdin is not a terminal,
        one per line. Type 'help' for the server's commands.

          --host H           server address (default 127.0.0.1)
          --port P           admin port (default 9051)
          --key-file F       admin key file (default saves/admin.key, as the server creates it)
          --timeout SECONDS  longest wait to connect and for each command (default 60)

        exit codes: 0 success, 1 the command failed (or the connection was lost during it),
                    2 usage, key file, connection or authentication error
        """;

    /// <summary>Parses; throws <see cref="FormatException"/> with a one-line message on bad usage.</summary>
    public static AdminArgs Parse(IReadOnlyList<string> args)
    {
        var host = "127.0.0.1";
        var port = 9051;
        var keyFile = Path.Combine("saves", "admin.key");
        var timeout = TimeSpan.FromSeconds(60);
        var i = 0;
        for (; i < args.Count && args[i].StartsWith("--", StringComparison.Ordinal); i++)
        {
            var name = args[i];
            if (name == "--") { i++; break; }
            if (i + 1 >= args.Count) throw new FormatException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--host":
                    host = value.Length > 0 ? value : throw new FormatException("--host must not be empty");
                    break;
                case "--port":
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535
                        ? p
                        : throw new FormatException($"--port must be a port number from 1 to 65535 (got '{value}')");
                    break;
                case "--key-file":
                    keyFile = value.Length > 0 ? value : throw new FormatException("--key-file must not be empty");
                    break;
                case "--timeout":
                    timeout = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 86_400
                        ? TimeSpan.FromSeconds(s)
                        : throw new FormatException($"--timeout must be a number of seconds from 0 to 86400 (got '{value}')");
                    break;
                default:
                    throw new FormatException($"unknown option {name}");
            }
        }

        var command = i < args.Count ? string.Join(' ', args.Skip(i)) : null;
        return new AdminArgs(host, port, keyFile, timeout, command);
    }
}
