using System.Text.RegularExpressions;
using GameServer.Bot;
using GameServer.Persistence.Reading;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;

namespace GameServer.Tests.Network.Players;

/// <summary>Real <c>gameserver</c> processes: a player's progress survives a save and a restart.</summary>
[CancelAfter(120_000)]
public partial class PlayerRestartTests
{
    [Test]
    public void A_player_moves_the_server_saves_and_restarts_and_the_same_name_rejoins_at_the_saved_position()
    {
        using var saves = new TempFolder();
        var tokens = new BotTokens(saves.File("tokens.txt"));
        long entity;
        PlayerState first;
        using (var server = StartServer(saves.Path, out var port))
        {
            using var dave = new BotPlayer("dave", Options(port), tokens, seed: 1);
            dave.Connect();
            Drive(dave, () => dave.Joined && dave.Updates > 0, "dave to join");
            first = dave.LastState!.Value;
            Drive(dave, () => dave.Updates > 30, "dave to move");
            entity = dave.EntityId;
            dave.Stop();
            Drive(dave, () => !dave.Joined, "dave to leave");
            Thread.Sleep(300);
            server.Send("stop");
            server.WaitForLine("final save ");
            Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
        }

        // Where the final save left dave.
        using var saved = SavePaths.LoadLatest(Path.Combine(saves.Path, "w")).Snapshot!;
        var ids = saved.GetColumn("id").Values<long>();
        var row = ids.IndexOf(entity);
        Assert.That(row, Is.GreaterThanOrEqualTo(0), "dave's entity is in the save");
        var x = saved.GetColumn("x").Values<float>()[row];
        var y = saved.GetColumn("y").Values<float>()[row];
        Assert.That(MathF.Abs(x - first.X) + MathF.Abs(y - first.Y), Is.GreaterThan(0.5f), "dave moved before the save");

        using (var server = StartServer(saves.Path, out var port))
        {
            using var again = new BotPlayer("dave", Options(port), new BotTokens(saves.File("tokens.txt")), seed: 2);
            again.Connect();
            Drive(again, () => again.Updates > 0, "dave to rejoin");
            Assert.That(again.EntityId, Is.EqualTo(entity), "the same entity comes back");
            var state = again.LastState!.Value;
            Assert.That((state.X, state.Y), Is.EqualTo((x, y)), "at the saved position");
            again.Stop();
            server.Send("stop");
            Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
        }
    }

    private static BotOptions Options(int port) => new() { Host = "127.0.0.1", Port = port, InputRate = 20 };

    private static ChildProcess StartServer(string saves, out int port)
    {
        var server = ChildProcess.StartDll("gameserver.dll", ["--saves", saves, "--world", "w", "--entities", "2000", "--autosave-interval", "600", "--port", "0", "--bind", "127.0.0.1", "--admin-port", "0"]);
        var line = server.WaitForLine("players: udp ");
        port = int.Parse(PortPattern().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        server.WaitForLine("server running");
        return server;
    }

    private static void Drive(BotPlayer bot, Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for " + what);
            bot.Update(System.Diagnostics.Stopwatch.GetTimestamp());
            Thread.Sleep(2);
        }
    }

    [GeneratedRegex(@"udp [0-9.]+:(\d+)")]
    private static partial Regex PortPattern();
}
