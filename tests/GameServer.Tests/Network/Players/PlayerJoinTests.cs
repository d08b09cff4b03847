using GameServer.Bot;
using GameServer.Protocol.Players;
using GameServer.Server.Commands;
using GameServer.Tests.Support;
using LiteNetLib;

namespace GameServer.Tests.Network.Players;

/// <summary>Real LiteNetLib clients against an in-process server on a loopback port bound to 0.</summary>
[CancelAfter(60_000)]
public class PlayerJoinTests
{
    [Test]
    public async Task A_joined_player_moves_gets_state_with_nearby_entities_and_stays_in_the_world_offline()
    {
        using var server = new PlayerTestServer();
        var alice = server.Bot("alice");
        server.DriveUntil(() => alice.Joined && alice.Updates >= 20, what: "alice to join and get updates");
        Assert.That(alice.RoundTrips, Is.Not.Empty, "inputs were echoed");
        var start = alice.LastState!.Value;
        server.DriveFor(1);
        var moved = alice.LastState!.Value;
        Assert.That(MathF.Abs(moved.X - start.X) + MathF.Abs(moved.Y - start.Y), Is.GreaterThan(0.5f), "input moves the player");

        var replies = new ReplyRecorder();
        await server.Host.ExecuteCommandAsync("players", CommandCaller.Console, replies);
        Assert.That(replies.Lines, Has.Some.StartsWith("alice ").And.Contain($"entity={alice.EntityId}"));
        await server.Host.ExecuteCommandAsync("status", CommandCaller.Console, replies);
        Assert.That(replies.Lines, Has.Some.StartsWith("players: online=1 "));

        alice.Stop();
        server.DriveUntil(() => server.Host.Players!.Connections == 0, what: "the disconnect");
        server.DriveFor(0.2);
        server.Host.RequestStop();
        Assert.That(await server.Host.Completion, Is.Zero);

        // The loop has stopped: the world may be read here.
        var world = server.Host.World;
        Assert.That(world.TryGetRow(alice.EntityId, out var row), Is.True, "the player's entity stays in the world");
        Assert.That(world.GetBlobColumn("name").GetString(row), Is.EqualTo("alice"));
        Assert.That(world.GetColumn<float>("vx").Get(row), Is.Zero, "an offline player stands still");
        Assert.That(world.GetColumn<float>("vy").Get(row), Is.Zero, "an offline player stands still");
    }

    [Test]
    public void Wrong_connection_key_is_rejected_in_the_connection_request()
    {
        using var server = new PlayerTestServer();
        var stranger = server.Bot("stranger", key: "not-the-key");
        server.DriveUntil(() => stranger.LastDisconnect is not null, what: "the rejection");
        Assert.That(stranger.LastDisconnect, Is.EqualTo(DisconnectReason.ConnectionRejected));
        Assert.That(stranger.Joins, Is.Zero);
    }

    [Test]
    public void A_name_already_online_is_refused()
    {
        using var server = new PlayerTestServer();
        var tokens = new BotTokens(null);
        var first = server.Bot("bob", tokens);
        server.DriveUntil(() => first.Joined, what: "bob to join");
        var second = server.Bot("BOB", tokens);
        server.DriveUntil(() => second.Refusals > 0, what: "the refusal");
        Assert.That(second.LastRefusal, Is.EqualTo(JoinRefusal.NameOnline));
        Assert.That(second.Joined, Is.False);
    }

    [Test]
    public void A_known_name_with_a_missing_or_wrong_token_is_refused_and_the_right_token_gets_the_same_entity()
    {
        using var server = new PlayerTestServer();
        var tokens = new BotTokens(null);
        var carol = server.Bot("carol", tokens);
        server.DriveUntil(() => carol.Joined, what: "carol to join");
        var entity = carol.EntityId;
        carol.Stop();
        server.DriveUntil(() => server.Host.Players!.Connections == 0, what: "the disconnect");

        var noToken = server.Bot("carol");
        server.DriveUntil(() => noToken.Refusals > 0, what: "the refusal without a token");
        Assert.That(noToken.LastRefusal, Is.EqualTo(JoinRefusal.WrongToken));

        var forged = new BotTokens(null);
        forged.Set("carol", new byte[PlayerProtocol.TokenBytes]);
        var wrongToken = server.Bot("carol", forged);
        server.DriveUntil(() => wrongToken.Refusals > 0, what: "the refusal with a wrong token");
        Assert.That(wrongToken.LastRefusal, Is.EqualTo(JoinRefusal.WrongToken));

        var again = server.Bot("carol", tokens);
        server.DriveUntil(() => again.Joined, what: "carol to rejoin with her token");
        Assert.That(again.EntityId, Is.EqualTo(entity));
    }

    [Test]
    public void Max_players_is_enforced_in_the_connection_request()
    {
        using var server = new PlayerTestServer(o => o with { MaxPlayers = 2 });
        var a = server.Bot("a");
        var b = server.Bot("b");
        server.DriveUntil(() => a.Joined && b.Joined, what: "two players to join");
        var c = server.Bot("c");
        server.DriveUntil(() => c.LastDisconnect is not null, what: "the third to be rejected");
        Assert.That(c.LastDisconnect, Is.EqualTo(DisconnectReason.ConnectionRejected));
        Assert.That(server.Host.Players!.Traffic.Rejected, Is.GreaterThanOrEqualTo(1));
    }
}
