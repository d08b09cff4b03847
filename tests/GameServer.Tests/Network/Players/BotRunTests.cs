using GameServer.Bot;
using GameServer.Persistence.Reading;
using GameServer.Tests.Support;

namespace GameServer.Tests.Network.Players;

[CancelAfter(120_000)]
public class BotRunTests
{
    [Test]
    public void A_hundred_bots_against_a_one_second_autosave_all_stay_connected_and_every_save_verifies()
    {
        using var server = new PlayerTestServer(o => o with { AutosaveIntervalSeconds = 1, Entities = 20_000 });
        var options = new BotOptions { Host = "127.0.0.1", Port = server.Port, Players = 100, Seconds = 5, ConnectionKey = server.Options.ConnectionKey };
        var report = BotRun.Run(options, progress: null, CancellationToken.None);

        Assert.That(report.Joins, Is.EqualTo(100), "every bot joined once");
        Assert.That(report.Drops, Is.Zero, "no bot was dropped");
        Assert.That(report.JoinedAtEnd, Is.EqualTo(100));
        Assert.That(report.RoundTrips, Is.GreaterThan(100), "inputs were echoed");
        Assert.That(report.UpdatesPerSecond, Is.GreaterThan(100 * 5), "every bot received state");

        server.Host.RequestStop();
        Assert.That(server.Host.Completion.Wait(TimeSpan.FromSeconds(60)), Is.True);
        var saves = SavePaths.List(server.Host.WorldDirectory);
        Assert.That(saves, Has.Count.GreaterThanOrEqualTo(3), "autosaves ran during the bot run");
        foreach (var save in saves) Assert.That(SavePaths.Verify(Path.Combine(server.Host.WorldDirectory, save.FileName), decode: true), Is.Null, save.FileName);
    }
}
