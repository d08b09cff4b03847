using System.Text.Json;
using System.Text.RegularExpressions;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Deployment;

/// <summary>
/// The sample settings file, the systemd unit and the Dockerfile, checked against the real settings parser so
/// that none of them names a setting, variable or value the server would refuse.
/// </summary>
public class DeploymentFileTests
{
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    [Test]
    public void Example_settings_file_names_every_setting_and_loads_through_the_parser()
    {
        var path = Repository.File("gameserver.example.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(keys, Is.EquivalentTo(ServerOptionsParser.JsonNames), "every setting, each once, no unknown ones");

        using var folder = new TempFolder();
        var options = ServerOptionsParser.Parse(["--config", path], NoEnvironment, folder.Path);
        // The example shows the defaults: copying it changes nothing (the log folder's default is spelled out).
        Assert.That(options with { LogDirectory = null, AdminKeyFile = null }, Is.EqualTo(new ServerOptions()));
        Assert.That(options.LogDirectoryOrDefault, Is.EqualTo(new ServerOptions().LogDirectoryOrDefault));
    }

    [Test]
    public void Systemd_unit_stops_with_sigterm_after_a_final_save_and_passes_the_server_valid_flags()
    {
        var unit = Keys(File.ReadAllLines(Repository.File("deploy/gameserver.service")));
        Assert.That(unit["Type"], Is.EqualTo("simple"));
        Assert.That(unit["KillSignal"], Is.EqualTo("SIGTERM"));
        Assert.That(int.Parse(unit["TimeoutStopSec"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(60), "time for the final save");
        Assert.That(unit["Restart"], Is.EqualTo("on-failure"));
        Assert.That(unit["RestartPreventExitStatus"], Is.EqualTo("2"), "a bad setting does not restart in a loop");
        Assert.That(unit["User"], Is.Not.EqualTo("root").And.Not.Empty);
        Assert.That(unit["WorkingDirectory"], Does.StartWith("/"));

        var exec = unit["ExecStart"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(Path.GetFileName(exec[0]), Is.EqualTo("gameserver"));
        var options = ServerOptionsParser.Parse(exec[1..], NoEnvironment, unit["WorkingDirectory"]);
        Assert.That(unit["ReadWritePaths"].Split(' '), Has.Some.Matches<string>(p => options.SavesRoot.StartsWith(p, StringComparison.Ordinal)), "the saves folder is writable");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Systemd_unit_passes_systemd_analyze_verify(CancellationToken token)
    {
        if (ShellCommand.Find("systemd-analyze") is not { } analyze)
        {
            Assert.Ignore("systemd-analyze is not installed here: the unit's text was checked, 'systemd-analyze verify' was not run");
            return;
        }

        // verify checks that ExecStart exists: point it at the gameserver the test build made.
        using var folder = new TempFolder();
        var server = Path.ChangeExtension(ChildProcess.LocateDll("gameserver.dll"), null);
        Assert.That(server, Does.Exist);
        var text = File.ReadAllText(Repository.File("deploy/gameserver.service")).Replace("/opt/gameserver/gameserver", server, StringComparison.Ordinal);
        var copy = folder.File("gameserver.service");
        File.WriteAllText(copy, text);

        var (exit, stdout, stderr) = await ShellCommand.Run(analyze, ["verify", copy], token);
        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That((stdout + stderr).Trim(), Is.Empty, "no warnings");
    }

    [Test]
    public void Dockerfile_builds_in_the_sdk_runs_on_the_runtime_as_a_non_root_user_with_a_saves_volume()
    {
        var lines = File.ReadAllLines(Repository.File("Dockerfile")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string[] All(string instruction) => [.. lines.Where(l => l.StartsWith(instruction + " ", StringComparison.Ordinal)).Select(l => l[(instruction.Length + 1)..].Trim())];

        var from = All("FROM");
        var framework = System.Xml.Linq.XDocument.Load(Repository.File("Directory.Build.props")).Descendants("TargetFramework").Single().Value; // net10.0
        Assert.That(from, Has.Length.EqualTo(2));
        Assert.That(from[0], Is.EqualTo($"mcr.microsoft.com/dotnet/sdk:{framework[3..]} AS build"));
        Assert.That(from[1], Is.EqualTo($"mcr.microsoft.com/dotnet/runtime:{framework[3..]}"));
        Assert.That(All("COPY"), Has.Some.StartsWith("--from=build "));
        var publish = Regex.Match(string.Join('\n', All("RUN")), @"dotnet publish (\S+) -c Release");
        Assert.That(publish.Success, Is.True);
        Assert.That(Repository.File(publish.Groups[1].Value), Does.Exist);

        Assert.That(All("USER").Single(), Is.Not.EqualTo("root").And.Not.EqualTo("0"));
        Assert.That(All("STOPSIGNAL").Single(), Is.EqualTo("SIGTERM"));
        Assert.That(All("EXPOSE"), Is.Not.Empty.And.All.Matches<string>(p => Regex.IsMatch(p, @"^\d+/udp$")), "the game speaks UDP");

        // The environment and entry point the image gives the server, through the real parser.
        var environment = All("ENV").Select(e => e.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        Assert.That(environment.Keys, Is.SubsetOf(ServerOptionsParser.EnvironmentNames));
        var entry = JsonSerializer.Deserialize<string[]>(All("ENTRYPOINT").Single())!;
        Assert.That(entry[0], Is.EqualTo("./gameserver"));
        var options = ServerOptionsParser.Parse(entry[1..], environment, "/app");
        Assert.That(All("VOLUME").Single(), Is.EqualTo(options.SavesRoot), "saves go to the volume");
        Assert.That(All("EXPOSE"), Is.EqualTo(new[] { $"{options.Port}/udp" }), "the players' port the server listens on");
    }

    /// <summary>The <c>Key=Value</c> lines of a unit file (the last one wins, as in systemd for these keys).</summary>
    private static Dictionary<string, string> Keys(IEnumerable<string> lines)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('[')))
        {
            var parts = line.Split('=', 2);
            keys[parts[0].Trim()] = parts[1].Trim();
        }

        return keys;
    }
}
