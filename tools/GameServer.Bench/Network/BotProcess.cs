using System.Diagnostics;
using System.Text.Json;

namespace GameServer.Bench.Network;

/// <summary>
/// One <c>gamebot --json</c> child process: the clients of a phase. Its report is what the players felt,
/// measured on their side of the socket.
/// </summary>
/// <remarks>
/// A child process rather than bots in the bench's own process: the bots allocate (decoding updates) and the
/// server's runtime uses a non-concurrent workstation GC, so in-process bots would pause the tick thread
/// with their own garbage. Apart, the server's process holds only the server, as in production.
/// </remarks>
public sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _errors;

    private BotProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>Starts <c>dotnet gamebot.dll</c> with <paramref name="botDll"/>.</summary>
    public static BotProcess Start(string botDll, int port, string key, int players, int seconds, string tokensFile)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            botDll, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", key,
            "--players", players.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tokens", tokensFile, "--json",
        ];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return new BotProcess(Process.Start(info) ?? throw new InvalidOperationException("gamebot did not start"));
    }

    /// <summary>
    /// gamebot's build output beside this one's (<c>tools/GameServer.Bot/bin/&lt;configuration&gt;/&lt;framework&gt;</c>);
    /// the bench project references the bot project so it is built with it.
    /// </summary>
    public static string Locate()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent?.Name ?? "Release";
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GameServer.sln"))) root = root.Parent;
        if (root is null) throw new FileNotFoundException("cannot locate gamebot.dll (no GameServer.sln above the bench); pass --bot PATH");
        return Path.Combine(root.FullName, "tools", "GameServer.Bot", "bin", configuration, framework, "gamebot.dll");
    }

    /// <summary>Waits for the exit and reads the JSON report.</summary>
    /// <exception cref="InvalidOperationException">gamebot printed no report (its stderr is in the message).</exception>
    public JsonElement Report(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("gamebot did not finish in time");
        }

        var output = _output.GetAwaiter().GetResult();
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"gamebot exited {_process.ExitCode} without a report: {_errors.GetAwaiter().GetResult().Trim()}");
        using var json = JsonDocument.Parse(output[start..]);
        return json.RootElement.Clone();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
