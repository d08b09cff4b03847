using System.Text.RegularExpressions;
using GameServer.Persistence.Reading;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>The real <c>gameserver</c> executable, driven through stdin and signals.</summary>
[CancelAfter(120_000)]
public partial class GameServerProcessTests
{
    private const int Sigterm = 15;
    private const int Sigkill = 9;
    private TempFolder _saves = null!;

    [SetUp]
    public void SetUp() => _saves = new TempFolder();

    [TearDown]
    public void TearDown() => _saves.Dispose();

    private string WorldFolder => Path.Combine(_saves.Path, "w");

    [Test]
    public void Console_saves_lists_reports_and_sigterm_takes_a_final_save_that_a_restart_resumes()
    {
        string finalFile;
        long finalTick;
        using (var server = StartServer())
        {
            server.Send("save mylabel");
            server.WaitForLine("saved manual-mylabel-");
            server.Send("saves");
            var listed = server.WaitForLine(l => l.Contains("manual-mylabel-", StringComparison.Ordinal) && l.Contains("manual ", StringComparison.Ordinal));
            var manual = SavePaths.List(WorldFolder).Single(e => e.FileName.StartsWith("manual-mylabel-", StringComparison.Ordinal));
            Assert.That(listed, Does.EndWith(" " + ByteSize.Format(manual.FileLength)), "sizes in the inspector's units");
            server.Send("status");
            server.WaitForLine("autosave: on interval=1s");
            server.WaitForLine("last_save: ok");
            server.Send("frobnicate now");
            server.WaitForLine("error: unknown command 'frobnicate'");
            server.Send("save ../../escape");
            server.WaitForLine(l => l.StartsWith("error: bad label", StringComparison.Ordinal) && l.Contains("usage: save [label]", StringComparison.Ordinal));

            server.Send("save-off");
            server.WaitForLine("autosave suspended");
            WaitUntilNoSaveInFlight(server);
            var before = AutoSaves();
            Thread.Sleep(2500);
            Assert.That(AutoSaves(), Is.EqualTo(before), "no autosaves while saves are off");

            server.Send("save-on");
            server.WaitForLine("autosave resumed");
            server.WaitForLine(l => l.Contains("INFO  saved auto-", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            Assert.That(AutoSaves(), Is.Not.EqualTo(before));

            server.Signal(Sigterm);
            var final = server.WaitForLine("final save ");
            Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
            var match = FinalSavePattern().Match(final);
            finalFile = match.Groups["file"].Value;
            finalTick = long.Parse(match.Groups["tick"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        using var file = SavePaths.Open(finalFile);
        Assert.That(file.Header.Tick, Is.EqualTo(finalTick));
        Assert.That(SavePaths.List(WorldFolder)[0].Location, Is.EqualTo(finalFile), "the final save is the newest");

        using var restarted = StartServer();
        Assert.That(restarted.Output, Does.Contain($"loaded {finalFile}: tick={finalTick} entities={file.Header.EntityCount}"));
        restarted.Send("stop");
        Assert.That(restarted.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
    }

    [Test]
    public void Load_rolls_the_world_back_after_keeping_a_pre_rollback_save()
    {
        using var server = StartServer("--autosave-interval", "600");
        server.Send("save checkpoint");
        server.WaitForLine("saved manual-checkpoint-");
        Thread.Sleep(500);
        server.Send("load checkpoint");
        var line = server.WaitForLine("rolled back to manual-checkpoint-");
        var ticks = RollbackPattern().Match(line);
        Assert.That(long.Parse(ticks.Groups["to"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(long.Parse(ticks.Groups["from"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Directory.GetFiles(WorldFolder, "manual-pre-rollback-*.gsav"), Has.Length.EqualTo(1));
        server.Send("load nosuchsave");
        server.WaitForLine("error: no save matches 'nosuchsave'");
        Assert.That(Directory.GetFiles(WorldFolder, "manual-pre-rollback-*.gsav"), Has.Length.EqualTo(1), "a load that cannot resolve its save writes nothing");
        server.Send("stop");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
    }

    // Every stop signal is both a first and a second signal once.
    [TestCase(Sigterm, "SIGTERM", Sigterm, "SIGTERM")]
    [TestCase(1, "SIGHUP", 2, "SIGINT")]
    [TestCase(2, "SIGINT", 3, "SIGQUIT")]
    [TestCase(3, "SIGQUIT", 1, "SIGHUP")]
    public void A_second_signal_exits_at_once_and_the_last_completed_save_stays_valid(int first, string firstName, int second, string secondName)
    {
        // A world big enough that the final save is still running when the second signal arrives.
        using var server = StartServer("--entities", "1500000", "--autosave-interval", "600");
        server.Send("save before");
        var saved = server.WaitForLine("saved manual-before-", TimeSpan.FromSeconds(60));
        server.Signal(first);
        server.WaitForLine($"received {firstName}: stopping (send it again to exit at once)");
        server.Signal(second);
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(130));
        Assert.That(server.Errors, Does.Contain($"WARN  received {secondName} again: exiting now without a final save"), "a warning, on stderr");

        var file = Directory.GetFiles(WorldFolder, "manual-before-*.gsav").Single();
        Assert.That(saved, Does.Contain(Path.GetFileName(file)));
        Assert.That(SavePaths.Verify(file, decode: true), Is.Null);
        foreach (var save in Directory.GetFiles(WorldFolder, "*.gsav"))
            Assert.That(SavePaths.Verify(save), Is.Null, $"{save}: no partial file carries a save name");
    }

    [TestCase(1, "SIGHUP", null)]
    [TestCase(2, "SIGINT", null)]
    [TestCase(3, "SIGQUIT", null)]
    [TestCase(2, "SIGINT", "INT QUIT HUP")]
    [TestCase(1, "SIGHUP", "INT QUIT HUP")]
    [TestCase(3, "SIGQUIT", "INT QUIT HUP")]
    public void Hangup_interrupt_and_quit_stop_like_sigterm_with_a_final_save_and_exit_0_even_when_started_ignoring_them(int signal, string name, string? ignoredAtStart)
    {
        using var server = ChildProcess.StartDll("gameserver.dll", [.. ServerArgs, "--autosave-interval", "600"], ignoredSignals: ignoredAtStart);
        server.WaitForLine("server running");
        server.Signal(signal);
        server.WaitForLine($"received {name}: stopping");
        var final = FinalSavePattern().Match(server.WaitForLine("final save "));
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
        Assert.That(SavePaths.Verify(final.Groups["file"].Value, decode: true), Is.Null);
    }

    [Test]
    public void A_kill_right_after_a_load_is_acknowledged_restarts_in_the_rolled_back_world()
    {
        long checkpointTick;
        using (var server = StartServer("--autosave-interval", "600"))
        {
            server.Send("save checkpoint");
            server.WaitForLine("saved manual-checkpoint-");
            checkpointTick = SavePaths.List(WorldFolder).Single(e => e.FileName.StartsWith("manual-checkpoint-", StringComparison.Ordinal)).Tick;
            Thread.Sleep(500);
            server.Send("load checkpoint");
            server.WaitForLine("rolled back to manual-checkpoint-");
            server.Signal(Sigkill);
            Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(128 + Sigkill));
        }

        using var restarted = StartServer("--autosave-interval", "600");
        var loaded = restarted.Output.Split('\n').Single(l => l.Contains("loaded ", StringComparison.Ordinal));
        Assert.That(loaded, Does.Not.Contain("pre-rollback"), "the restart undid the acknowledged rollback");
        var tick = long.Parse(LoadedTickPattern().Match(loaded).Groups["tick"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(tick, Is.LessThan(checkpointTick + 30), "the restart resumes the rolled-back world (a few ticks after the checkpoint at most)");
        restarted.Send("stop");
        Assert.That(restarted.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
    }

    [Test]
    public void End_of_stdin_does_not_stop_the_server()
    {
        using var server = StartServer();
        server.CloseInput();
        server.WaitForLine("console: end of input; the server keeps running");
        Thread.Sleep(1000);
        Assert.That(server.HasExited, Is.False);
        server.Signal(Sigterm);
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
    }

    [Test]
    public void A_second_server_on_the_same_world_exits_2_naming_the_first_and_starts_once_the_first_is_killed()
    {
        using (var first = StartServer("--autosave-interval", "600"))
        {
            using var second = ChildProcess.StartDll("gameserver.dll", ["--saves", _saves.Path, "--world", "w", "--entities", "3000", "--port", "0", "--admin-port", "0"]);
            Assert.That(second.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(2));
            Assert.That(second.Errors.Split('\n'), Has.Length.EqualTo(1), second.Errors);
            Assert.That(second.Errors, Does.StartWith("gameserver: ").And.Contain("world 'w'").And.Contain($"pid {first.Id}"));
            Assert.That(second.Output, Does.Not.Contain("loaded").And.Not.Contain("generated"), "it stopped before touching the world");

            // SIGKILL: no shutdown code runs, so only the kernel can release the lock.
            first.Signal(Sigkill);
            Assert.That(first.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(128 + Sigkill));
        }

        using var third = StartServer();
        Assert.That(third.Output, Does.Contain("server running"));
        third.Send("stop");
        Assert.That(third.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
    }

    [TestCase("--tick-rate", "fast", "--tick-rate must be a whole number")]
    [TestCase("--entities", "-5", "--entities must be a whole number")]
    [TestCase("--world", "../x", "world name")]
    [TestCase("--bogus", "1", "unknown option '--bogus'")]
    [TestCase("--world", "w\n", "world name")]
    public void Bad_setting_is_a_one_line_error_with_exit_code_2(string flag, string value, string message)
    {
        using var server = ChildProcess.StartDll("gameserver.dll", ["--saves", _saves.Path, flag, value]);
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(2));
        Assert.That(server.Errors.Split('\n'), Has.Length.EqualTo(1));
        Assert.That(server.Errors, Does.StartWith("gameserver: ").And.Contain(message));
    }

    [Test]
    public void A_nul_in_the_saves_path_is_a_one_line_error_with_exit_code_2()
    {
        var config = Path.Combine(_saves.Path, "bad.json");
        File.WriteAllText(config, """{ "saves": "sa\u0000ves" }""");
        using var server = ChildProcess.StartDll("gameserver.dll", ["--config", config]);
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(2));
        Assert.That(server.Errors.TrimEnd().Split('\n'), Has.Length.EqualTo(1), server.Errors);
        Assert.That(server.Errors, Does.StartWith("gameserver: ").And.Contain("must not contain control characters"));
    }

    [Test]
    public void Help_lists_every_setting_and_exits_0()
    {
        using var server = ChildProcess.StartDll("gameserver.dll", ["--help"]);
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
        foreach (var flag in new[] { "--saves", "--world", "--entities", "--seed", "--tick-rate", "--autosave-interval", "--keep", "--port", "--bind", "--max-players", "--connection-key" })
            Assert.That(server.Output, Does.Contain(flag));
    }

    private string[] ServerArgs => ["--saves", _saves.Path, "--world", "w", "--entities", "3000", "--autosave-interval", "1", "--tick-rate", "30", "--port", "0", "--admin-port", "0"];

    private ChildProcess StartServer(params string[] extra)
    {
        var args = new List<string>(ServerArgs);
        args.AddRange(extra);
        var server = ChildProcess.StartDll("gameserver.dll", args);
        server.WaitForLine("server running");
        return server;
    }

    /// <summary>An autosave captured just before save-off may still be writing; wait until status says it landed.</summary>
    private static void WaitUntilNoSaveInFlight(ChildProcess server)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            server.Send("status");
            if (server.WaitForLine("autosave: ").Contains("in_flight=no", StringComparison.Ordinal)) return;
            Thread.Sleep(100);
        }

        Assert.Fail("a save stayed in flight for over 5 s");
    }

    private string[] AutoSaves() => Directory.GetFiles(WorldFolder, "auto-*.gsav").Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"final save (?<file>\S+) at tick (?<tick>\d+)")]
    private static partial Regex FinalSavePattern();

    [GeneratedRegex(@"loaded \S+: tick=(?<tick>\d+)")]
    private static partial Regex LoadedTickPattern();

    [GeneratedRegex(@"tick (?<from>\d+) -> (?<to>\d+)")]
    private static partial Regex RollbackPattern();
}
