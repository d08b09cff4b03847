using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Logging;

/// <summary>The real <c>gameserver</c>'s logging: streams, colour, the log file and the level.</summary>
[CancelAfter(120_000)]
public class GameServerLoggingTests
{
    private TempFolder _saves = null!;

    [SetUp]
    public void SetUp() => _saves = new TempFolder();

    [TearDown]
    public void TearDown() => _saves.Dispose();

    [Test]
    public void Warnings_go_to_stderr_information_to_stdout_and_neither_is_coloured_when_redirected()
    {
        var damaged = PlantDamagedSave();
        using var server = StartServer();
        server.WaitForLine(l => l.Contains("INFO  saved auto-", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        server.Send("stop");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);

        Assert.That(server.Errors, Does.Match(@"\d\d\.\d{3}Z WARN  skipped save .*" + damaged), "the skipped save is a warning on stderr");
        Assert.That(server.Output, Does.Not.Contain("WARN "));
        Assert.That(server.Errors, Does.Not.Contain("INFO "));
        Assert.That(server.Output + server.Errors, Does.Not.Contain('\u001b'), "no ANSI codes into a pipe");
    }

    [Test]
    public void Log_file_under_the_save_root_holds_the_run_and_is_named_at_start()
    {
        using (var server = StartServer())
        {
            var named = server.Output.Split('\n').First(l => l.Contains("INFO  log file ", StringComparison.Ordinal));
            Assert.That(named, Does.Contain(Path.Combine(_saves.Path, "logs", "gameserver-")));
            server.WaitForLine("INFO  saved auto-", TimeSpan.FromSeconds(30));
            server.Send("quit");
            Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
        }

        var file = Directory.GetFiles(Path.Combine(_saves.Path, "logs"), "gameserver-*.log").Single();
        var text = File.ReadAllText(file);
        Assert.That(text, Does.Contain("INFO  server running").And.Contain("INFO  saved auto-").And.Contain("INFO  final save ").And.Contain("INFO  stopped (exit code 0)"));
    }

    [Test]
    public void Log_level_warning_keeps_only_warnings_on_the_console_and_in_the_file_in_log_dir()
    {
        var logs = Path.Combine(_saves.Path, "my-logs");
        var damaged = PlantDamagedSave();
        using (var server = ChildProcess.StartDll("gameserver.dll", ["--saves", _saves.Path, "--world", "w", "--entities", "3000", "--autosave-interval", "1", "--port", "0", "--admin-port", "0", "--log-level", "warning", "--log-dir", logs]))
        {
            // Nothing at information reaches the console, so wait for the saves on disk instead.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Directory.GetFiles(WorldFolder, "auto-*.gsav").Length < 3 && DateTime.UtcNow < deadline) Thread.Sleep(100);
            server.Send("stop");
            Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
            Assert.That(server.Output, Does.Not.Contain("INFO "));
            Assert.That(server.Errors, Does.Contain("WARN  skipped save"));
        }

        var text = File.ReadAllText(Directory.GetFiles(logs, "gameserver-*.log").Single());
        Assert.That(text, Does.Contain("WARN  skipped save").And.Contain(damaged));
        Assert.That(text, Does.Not.Contain("INFO "));
        Assert.That(Directory.Exists(Path.Combine(_saves.Path, "logs")), Is.False, "--log-dir replaces the default folder");
    }

    private string WorldFolder => Path.Combine(_saves.Path, "w");

    /// <summary>An autosave-named file that does not verify: loading skips it with a warning.</summary>
    private string PlantDamagedSave()
    {
        Directory.CreateDirectory(WorldFolder);
        var name = SaveNames.Auto(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1);
        File.WriteAllText(Path.Combine(WorldFolder, name), "not a save");
        return name;
    }

    private ChildProcess StartServer()
    {
        var server = ChildProcess.StartDll("gameserver.dll", ["--saves", _saves.Path, "--world", "w", "--entities", "3000", "--autosave-interval", "1", "--port", "0", "--admin-port", "0"]);
        server.WaitForLine("server running");
        return server;
    }
}
