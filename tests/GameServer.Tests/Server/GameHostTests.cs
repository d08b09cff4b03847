using GameServer.Demo;
using GameServer.Persistence.Reading;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Server;

[CancelAfter(60_000)]
public class GameHostTests
{
    [Test]
    public async Task Stop_takes_a_final_save_equal_to_the_world_and_a_restart_resumes_it()
    {
        using var folder = new TempFolder();
        var options = new ServerOptions { SavesRoot = folder.Path, WorldName = "inproc", Entities = 4000, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, AdminPort = 0 };
        using (var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Null)).Build())
        {
            host.Start();
            await Task.Delay(300);
            host.RequestStop();
            Assert.That(await host.Completion, Is.Zero);

            // The loop has stopped: the world is exactly what the final save holds.
            var latest = await SaveLoader.LoadLatestAsync(host.Store);
            using var saved = latest.Snapshot!;
            using var live = new SnapshotPool(1).Capture(host.World);
            TestWorlds.AssertSameBytes(live, saved, "final save");
            Assert.That(saved.Tick, Is.GreaterThan(1), "the loop ticked before stopping");
        }

        var output = new StringWriter();
        using var restarted = new GameHostBuilder(options with { Entities = 1 }).UseGame(new DemoGame()).UseLogger(new ConsoleLog(output)).Build();
        restarted.Start();
        restarted.RequestStop();
        await restarted.Completion;
        Assert.That(output.ToString(), Does.Contain("loaded ").And.Not.Contain("generated"));
    }

    [Test]
    public async Task Status_reports_peak_rss_against_the_worlds_bytes()
    {
        using var folder = new TempFolder();
        var options = new ServerOptions { SavesRoot = folder.Path, WorldName = "mem", Entities = 1000, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, AdminPort = 0 };
        using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Null)).Build();
        host.Start();
        var output = new ReplyRecorder();
        await host.ExecuteCommandAsync("status", CommandCaller.Console, output);
        host.RequestStop();
        await host.Completion;

        var line = output.Lines.Single(l => l.StartsWith("memory:", StringComparison.Ordinal));
        var fields = line["memory: ".Length..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
        using var live = new SnapshotPool(1).Capture(host.World);
        Assert.That(long.Parse(fields["world"]), Is.EqualTo(live.RawBytes).Within(5).Percent, line); // ticks went on (names come and go)
        Assert.That(long.Parse(fields["peak_rss"]), Is.GreaterThanOrEqualTo(long.Parse(fields["rss"])).And.GreaterThan(0), line);
        Assert.That(fields.Keys, Is.SupersetOf(new[] { "peak_vs_world", "gc_heap", "gc_committed", "collections", "allocated" }), line);
    }

    [Test]
    public async Task Commands_run_in_order_and_bad_arguments_get_the_usage()
    {
        using var folder = new TempFolder();
        var options = new ServerOptions { SavesRoot = folder.Path, WorldName = "cmd", Entities = 1000, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, AdminPort = 0 };
        using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Null)).Build();
        host.Start();
        var output = new ReplyRecorder();
        await host.ExecuteCommandAsync("autosave interval nope", CommandCaller.Console, output);
        await host.ExecuteCommandAsync("autosave keep 3", CommandCaller.Console, output);
        await host.ExecuteCommandAsync("save a b", CommandCaller.Console, output);
        await host.ExecuteCommandAsync("status", CommandCaller.Console, output);
        Assert.That(output.Lines, Has.Some.StartsWith("autosave_counters:"));
        Assert.That(output.Lines, Does.Contain("error: interval must be seconds from 0.05 to 86400 (got 'nope'); usage: autosave interval <seconds> | autosave keep <n>"));
        Assert.That(output.Lines, Does.Contain("keeping the newest 3 autosaves"));
        Assert.That(output.Lines, Has.Some.StartsWith("error: too many arguments; usage: save [label]"));
        Assert.That(output.Lines, Has.Some.Contains("keep=3"));
        Assert.That(output.Lines, Has.Some.StartsWith("autosave: on").And.EndsWith(" phase=idle"), "status shows the autosave phase");
        host.RequestStop();
        Assert.That(await host.Completion, Is.Zero);
    }
}
