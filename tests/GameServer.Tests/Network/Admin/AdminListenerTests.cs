using GameServer.Protocol.Admin;
using GameServer.Tests.Support;

namespace GameServer.Tests.Network.Admin;

/// <summary>The admin listener over real loopback sockets: handshake, lockout, replies.</summary>
[CancelAfter(60_000)]
public class AdminListenerTests
{
    [Test]
    public async Task The_right_key_runs_a_command_and_its_reply_streams_back_and_ends_with_done()
    {
        using var server = new AdminTestServer();
        using var client = await server.ConnectAsync();
        var lines = new List<string>();
        var result = await client.RunAsync("save nightly", lines.Add);

        Assert.That(result, Is.EqualTo(new AdminCommandResult(true, string.Empty)));
        Assert.That(lines, Is.EqualTo(new[] { "ran save nightly", "second line" }));
        var (line, caller) = server.Runner.Calls.Single();
        Assert.That(line, Is.EqualTo("save nightly"));
        Assert.That(caller.Kind, Is.EqualTo(GameServer.Server.Commands.CallerKind.Remote));
        Assert.That(caller.Address, Does.StartWith("127.0.0.1:"));
        Assert.That(server.Log.Lines, Has.Some.Contains("admin command from 127.0.0.1:").And.Some.Contains(": save nightly"));
        Assert.That(server.Listener.Counters.Commands, Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_command_ends_with_the_failed_marker_and_its_reason()
    {
        using var server = new AdminTestServer();
        using var client = await server.ConnectAsync();
        var lines = new List<string>();
        var result = await client.RunAsync("fail now", lines.Add);
        Assert.That(result, Is.EqualTo(new AdminCommandResult(false, "it went wrong")));
        Assert.That(lines, Is.EqualTo(new[] { "error: it went wrong" }));
    }

    [Test]
    public void A_wrong_key_is_refused_and_runs_nothing()
    {
        using var server = new AdminTestServer();
        var error = Assert.ThrowsAsync<AdminClientException>(() => server.ConnectAsync(AdminKey.Generate()))!;
        Assert.That(error.Failure, Is.EqualTo(AdminClientFailure.Refused));
        Assert.That(error.Message, Does.Contain("wrong admin key"));
        Assert.That(server.Runner.Calls, Is.Empty);
        Assert.That(server.Listener.Counters.FailedProofs, Is.EqualTo(1));
    }

    [Test]
    public async Task Three_failed_proofs_lock_the_address_out_even_for_the_right_key_until_60_seconds_pass()
    {
        using var server = new AdminTestServer();
        for (var i = 0; i < 3; i++) Assert.ThrowsAsync<AdminClientException>(() => server.ConnectAsync(AdminKey.Generate()));

        var locked = Assert.ThrowsAsync<AdminClientException>(() => server.ConnectAsync())!;
        Assert.That(locked.Message, Does.Contain("locked out"));
        Assert.That(server.Log.Lines, Has.Some.Contains("locked out after 3 failed proofs"));

        server.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(Assert.ThrowsAsync<AdminClientException>(() => server.ConnectAsync())!.Message, Does.Contain("locked out"), "still locked at 59 s");

        server.Clock.Advance(TimeSpan.FromSeconds(2));
        using var client = await server.ConnectAsync();
        Assert.That((await client.RunAsync("status", _ => { })).Succeeded, Is.True);
        Assert.That(server.Listener.Counters.LockedOutAttempts, Is.EqualTo(2));
    }

    [Test]
    public void A_replayed_proof_fails_on_a_new_connection()
    {
        using var server = new AdminTestServer();
        var clientNonce = AdminProof.NewNonce();
        byte[] recorded;
        using (var first = new RawAdminPeer(server.Port))
        {
            var challenge = first.Hello(clientNonce, AdminTestServer.Wait);
            recorded = AdminProof.Compute(server.Key.Bytes, challenge.ServerNonce, clientNonce);
            first.Send(new AdminProofMessage(recorded));
            Assert.That(first.Receive<AdminAuthResult>(AdminTestServer.Wait).Accepted, Is.True);
        }

        // An eavesdropper replays the same hello and the recorded proof: the new connection's nonce differs.
        using var replay = new RawAdminPeer(server.Port);
        replay.Hello(clientNonce, AdminTestServer.Wait);
        replay.Send(new AdminProofMessage(recorded));
        replay.Send(new AdminCommand(1, "stop"));
        Assert.That(replay.WaitDisconnected(AdminTestServer.Wait), Is.True);
        Assert.That(replay.CloseReason?.Reason, Does.Contain("wrong admin key"));
        Assert.That(server.Runner.Calls, Is.Empty);
    }

    [Test]
    public void Commands_before_authentication_run_nothing_and_a_peer_that_keeps_sending_garbage_is_disconnected()
    {
        using var server = new AdminTestServer();
        using var peer = new RawAdminPeer(server.Port);
        Assert.That(peer.WaitConnected(AdminTestServer.Wait), Is.True);
        peer.Send(new AdminCommand(1, "stop"));
        for (var i = 0; i < 10; i++) peer.Send([(byte)(64 + i), 1, 2, 3]);

        Assert.That(peer.WaitDisconnected(AdminTestServer.Wait), Is.True);
        Assert.That(peer.CloseReason?.Reason, Does.Contain("malformed"));
        Assert.That(server.Runner.Calls, Is.Empty);
        Assert.That(server.Listener.Counters.Malformed, Is.GreaterThanOrEqualTo(8));
        Assert.That(server.Listener.Counters.GarbageDisconnects, Is.EqualTo(1));
    }

    [Test]
    public void A_wrong_connection_key_is_refused_before_any_session()
    {
        using var server = new AdminTestServer();
        using var peer = new RawAdminPeer(server.Port, "not-the-admin-port");
        Assert.That(peer.WaitDisconnected(AdminTestServer.Wait), Is.True);
        Assert.That(peer.IsConnected, Is.False);
        Assert.That(() => server.Listener.Counters.RefusedConnections, Is.EqualTo(1).After(5000, 10), "counted after the rejection was sent");
    }

    [Test]
    public async Task A_handshake_that_stalls_is_closed_after_the_timeout()
    {
        using var server = new AdminTestServer();
        using var peer = new RawAdminPeer(server.Port);
        Assert.That(peer.WaitConnected(AdminTestServer.Wait), Is.True);
        await Task.Delay(100);
        server.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.That(peer.WaitDisconnected(AdminTestServer.Wait), Is.True);
        Assert.That(peer.CloseReason?.Reason, Does.Contain("timed out"));
    }

    [Test]
    public async Task Replies_of_concurrent_commands_keep_their_own_request_ids()
    {
        using var server = new AdminTestServer();
        using var client = await server.ConnectAsync();
        var slowLines = new List<string>();
        var slow = client.RunAsync("slow", slowLines.Add);
        var fastLines = new List<string>();
        Assert.That((await client.RunAsync("fast", fastLines.Add)).Succeeded, Is.True);
        Assert.That(slow.IsCompleted, Is.False);
        server.Runner.Release();
        Assert.That((await slow).Succeeded, Is.True);
        Assert.That(fastLines, Is.EqualTo(new[] { "ran fast", "second line" }));
        Assert.That(slowLines, Is.EqualTo(new[] { "ran slow", "second line" }));
    }

    [Test]
    public async Task Random_and_truncated_datagrams_are_dropped_and_counted_and_a_real_admin_still_gets_in()
    {
        using var server = new AdminTestServer();
        var random = new Random(3);
        using (var udp = new System.Net.Sockets.UdpClient(System.Net.Sockets.AddressFamily.InterNetwork))
        {
            var target = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.Port);
            for (var i = 0; i < 3000; i++)
            {
                var datagram = new byte[random.Next(0, 300)];
                random.NextBytes(datagram);
                udp.Send(datagram, datagram.Length, target);
            }
        }

        Assert.That(() => server.Listener.Counters.DroppedDatagrams, Is.GreaterThanOrEqualTo(2900).After(10_000, 20), "a random datagram has a valid checksum with odds of 1 in 2^32");
        using var client = await server.ConnectAsync();
        Assert.That((await client.RunAsync("status", _ => { })).Succeeded, Is.True);
        Assert.That(server.Runner.Calls.Select(c => c.Line), Is.EqualTo(new[] { "status" }));
    }
}
