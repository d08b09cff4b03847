using System.Globalization;
using System.Text.RegularExpressions;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Commands;

/// <summary><c>load</c> captures the pre-rollback save and restores in the same gap between two ticks: no tick is in neither save.</summary>
[CancelAfter(60_000)]
public class RollbackGapTests
{
    private TempFolder _folder = null!;
    private TickClockGame _game = null!;
    private GameHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _game = new TickClockGame();
        var options = new ServerOptions
        {
            SavesRoot = _folder.Path,
            WorldName = "gap",
            TickRate = 60,
            AutosaveIntervalSeconds = 3600,
            Port = 0,
            AdminPort = 0,
            AdminKeyFile = ServerOptions.AdminDisabled,
        };
        _host = new GameHostBuilder(options).UseGame(_game).UseLogger(new ConsoleLog(TextWriter.Null)).Build();
        _host.Start();
    }

    [TearDown]
    public async Task TearDown()
    {
        _host.RequestStop();
        await _host.Completion;
        _host.Dispose();
        _folder.Dispose();
    }

    [Test]
    public async Task The_pre_rollback_save_holds_the_world_of_the_last_tick_before_the_restore()
    {
        await Run("save checkpoint");
        using (var checkpoint = SavePaths.Load(Single("manual-checkpoint-*.gsav")))
        {
            await WaitForTick(checkpoint.Tick + 10); // the world moves on: every tick rewrites the clock column
        }

        var reply = await Run("load checkpoint");

        var lastTick = _game.LastTickBeforeRestore;
        Assert.That(lastTick, Is.GreaterThan(0), "the simulation saw the restore");
        using var preRollback = SavePaths.Load(Single("manual-pre-rollback-*.gsav"));
        Assert.That(preRollback.Tick, Is.EqualTo(lastTick), "the pre-rollback save is the world the restore replaced, not one some ticks older");
        var clock = preRollback.Columns[preRollback.Schema.IndexOf(TickClockGame.ClockColumn)].Values<long>().ToArray();
        Assert.That(preRollback.Count, Is.EqualTo(TickClockGame.Entities));
        Assert.That(clock, Is.All.EqualTo(lastTick), "every row holds the state of that last tick");
        Assert.That(reply.Lines[^1], Does.StartWith("rolled back to manual-checkpoint-").And.Contain($"tick {lastTick} -> "));
    }

    private async Task<ReplyRecorder> Run(string line)
    {
        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync(line, CommandCaller.Console, reply);
        Assert.That(outcome.Succeeded, Is.True, $"{line}: {outcome.Reason}");
        return reply;
    }

    private string Single(string pattern)
    {
        var files = Directory.GetFiles(_host.WorldDirectory, pattern);
        Assert.That(files, Has.Length.EqualTo(1), pattern);
        return files[0];
    }

    private async Task WaitForTick(long tick)
    {
        while (true)
        {
            var status = await Run("status");
            if (long.Parse(Regex.Match(status.Lines[0], @"tick=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture) >= tick) return;
            await Task.Delay(10);
        }
    }
}
