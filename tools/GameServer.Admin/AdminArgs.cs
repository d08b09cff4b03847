using System.CommandLine;
using GameServer.Cli;

namespace GameServer.Admin;

/// <summary>gameadmin's command line: where the server is, the key file, and the command (none: interactive).</summary>
internal sealed record AdminArgs(string Host, int Port, string KeyFile, TimeSpan Timeout, string? Command)
{
    /// <summary>
    /// The <c>gameadmin</c> command line on the project's shared convention (--help, --version, one-line usage
    /// errors with exit code 2); its action runs <paramref name="run"/> with the arguments given.
    /// </summary>
    public static ToolCommand CreateCommand(Func<AdminArgs, int> run)
    {
        var root = ToolCommandLine.CreateRoot(
            "gameadmin",
            "Runs server admin commands over the authenticated remote admin channel. With a command, runs it once and exits; "
            + "without one, reads commands from a prompt with history or, when stdin is not a terminal, one per line. "
            + "Type 'help' for the server's commands.",
            typeof(AdminArgs).Assembly);
        root.Usage = "[--host H] [--port P] [--key-file F] [--timeout SECONDS] [command ...]";
        root.Epilogue = "Exit codes: 0 success, 1 the command failed (or the connection was lost during it), "
            + "2 usage, key file, connection or authentication error.";
        var host = root.AddValue("--host", "H", "server address (default 127.0.0.1)");
        var port = root.AddValue("--port", "P", "the server's admin UDP port, 1 to 65535 (default 9051)");
        var keyFile = root.AddValue("--key-file", "F", "admin key file (default saves/admin.key, where the server creates it)");
        var timeout = root.AddValue("--timeout", "SECONDS", "longest wait to connect and for each command's reply (default 60)");
        var words = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = "the command and its arguments, as typed on the server's console" };
        root.Arguments.Add(words);
        root.SetAction(r => run(new AdminArgs(
            r.GetValue(host) is { Length: > 0 } h ? h : "127.0.0.1",
            OptionValues.Int(r, port, 9051, 1, 65535),
            r.GetValue(keyFile) is { Length: > 0 } k ? k : Path.Combine("saves", "admin.key"),
            TimeSpan.FromSeconds(OptionValues.Number(r, timeout, 60, 0.1, 86_400)),
            r.GetValue(words) is { Length: > 0 } w ? string.Join(' ', w) : null)));
        return root;
    }
}
