using System.Net;
using System.Net.Sockets;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Server.Commands;
using GameServer.Tests.Support;
using LiteNetLib;

namespace GameServer.Tests.Network.Players;

[CancelAfter(90_000)]
public class PlayerGarbageTests
{
    [Test]
    public async Task Ten_thousand_random_and_truncated_datagrams_are_counted_and_the_server_keeps_ticking_and_serving()
    {
        using var server = new PlayerTestServer();
        var alice = server.Bot("alice");
        server.DriveUntil(() => alice.Joined && alice.Updates > 5, what: "alice to join");
        var tickBefore = await Tick(server);
        var receivedBefore = server.Host.Players!.DatagramsReceived;

        // 10,000 raw datagrams to the port from an unconnected socket: random bytes and truncated messages.
        var random = new Random(5);
        var join = PlayerMessages.ToDatagram(MessageType.JoinRequest, new JoinRequest { Name = "mallory" });
        using (var udp = new UdpClient(AddressFamily.InterNetwork))
        {
            var target = new IPEndPoint(IPAddress.Loopback, server.Port);
            for (var i = 0; i < 10_000; i++)
            {
                var datagram = i % 2 == 0 ? new byte[random.Next(0, 1400)] : join[..random.Next(0, join.Length)];
                if (i % 2 == 0) random.NextBytes(datagram);
                udp.Send(datagram, datagram.Length, target);
                if (i % 200 == 0) server.DriveFor(0.01); // paced, so the kernel's socket buffer does not overflow
            }
        }

        // A connected peer that sends garbage is counted per peer, then disconnected.
        var listener = new EventBasedNetListener();
        var disconnected = false;
        listener.PeerDisconnectedEvent += (_, _) => disconnected = true;
        var garbage = new NetManager(listener);
        garbage.Start();
        try
        {
            var peer = garbage.Connect("127.0.0.1", server.Port, server.Options.ConnectionKey)!;
            server.DriveUntil(
                () =>
                {
                    garbage.PollEvents();
                    return peer.ConnectionState == ConnectionState.Connected;
                },
                what: "the garbage peer to connect");
            for (var i = 0; i < 200 && !disconnected; i++)
            {
                var datagram = new byte[random.Next(1, 600)];
                random.NextBytes(datagram);
                if (peer.ConnectionState == ConnectionState.Connected) peer.Send(datagram, DeliveryMethod.ReliableOrdered);
                garbage.PollEvents();
                server.DriveFor(0.005);
            }

            server.DriveUntil(
                () =>
                {
                    garbage.PollEvents();
                    return disconnected;
                },
                what: "the garbage peer to be disconnected");
        }
        finally
        {
            garbage.Stop();
        }

        var updates = alice.Updates;
        server.DriveFor(1);
        var traffic = server.Host.Players!.Traffic;
        Assert.That(traffic.GarbageDisconnects, Is.EqualTo(1));
        Assert.That(traffic.Dropped, Is.GreaterThan(20), "the connected peer's garbage was dropped and counted");
        Assert.That(server.Host.Players.DatagramsReceived - receivedBefore, Is.GreaterThanOrEqualTo(9_500), "the raw datagrams were received and counted (loopback UDP may still lose a few)");
        Assert.That(alice.Joined, Is.True, "a well-behaved player stays connected");
        Assert.That(alice.Updates, Is.GreaterThan(updates + 5), "and keeps getting state");
        Assert.That(await Tick(server), Is.GreaterThan(tickBefore + 30), "the world kept ticking");
    }

    private static async Task<long> Tick(PlayerTestServer server)
    {
        var replies = new ReplyRecorder();
        await server.Host.ExecuteCommandAsync("status", CommandCaller.Console, replies);
        var line = replies.Lines.First(l => l.StartsWith("world: ", StringComparison.Ordinal));
        var tick = line[(line.IndexOf("tick=", StringComparison.Ordinal) + 5)..].Split(' ')[0];
        return long.Parse(tick, System.Globalization.CultureInfo.InvariantCulture);
    }
}
