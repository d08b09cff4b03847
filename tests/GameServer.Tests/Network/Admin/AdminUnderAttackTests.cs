using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using GameServer.Demo;
using GameServer.Protocol.Admin;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Network.Admin;

/// <summary>
/// Promise 9 of issue 12, against a whole in-process server on real loopback sockets: a replayed capture of a
/// legitimate session, a flood of connection requests and garbage, and wrong keys all leave the server ticking
/// and run no command (no command counted, no audit line, the world folder unchanged).
/// </summary>
[CancelAfter(180_000)]
public partial class AdminUnderAttackTests
{
    private const int TickRate = 30;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private TempFolder _folder = null!;
    private ListLogger _log = null!;
    private GameHost _host = null!;

    private int AdminPort => _host.Admin!.Port;

    private AdminKey Key => AdminKey.ReadFile(_folder.File("admin.key"));

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _log = new ListLogger();
        var options = new ServerOptions
        {
            SavesRoot = _folder.Path,
            WorldName = "w",
            Entities = 2000,
            TickRate = TickRate,
            AutosaveIntervalSeconds = 600,
            Port = 0,
            AdminPort = 0,
            AdminKeyFile = _folder.File("admin.key"),
        };
        _host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(_log).Build();
        _host.Start();
    }

    [TearDown]
    public async Task TearDown()
    {
        _host.RequestStop();
        await _host.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        _host.Dispose();
        _folder.Dispose();
    }

    [Test]
    public async Task A_captured_session_replayed_from_a_new_address_or_the_same_one_runs_nothing()
    {
        using var relay = new UdpRelay(AdminPort);
        using (var client = await AdminClient.ConnectAsync("127.0.0.1", relay.Port, Key, Wait))
        {
            Assert.That((await client.RunAsync("save legit", _ => { })).Succeeded, Is.True);
        }

        await Task.Delay(500); // the disconnect reaches the server
        var captured = relay.Captured;
        var files = WorldFiles();
        Assert.That(files.Count(f => f.StartsWith("manual-legit-", StringComparison.Ordinal)), Is.EqualTo(1));
        var tick = await TickAsync();

        // Gaps longer than the listener's 5 ms poll, so each step of the handshake is handled before the next arrives, as in the capture.
        await relay.ReplayFromANewAddressAsync(captured, TimeSpan.FromMilliseconds(50));
        await relay.ReplayFromTheSameAddressAsync(captured, TimeSpan.FromMilliseconds(50));
        await Task.Delay(1000);

        var counters = _host.Admin!.Counters;
        TestContext.Out.WriteLine($"replayed {captured.Count} datagrams twice: failed proofs {counters.FailedProofs}, malformed {counters.Malformed}, refused connections {counters.RefusedConnections}");
        Assert.That(counters.FailedProofs, Is.GreaterThanOrEqualTo(1), "a replay got as far as the proof, and the proof was refused");
        Assert.That(counters.Commands, Is.EqualTo(1), "only the legitimate command ran");
        Assert.That(AuditLines(), Has.Count.EqualTo(1));
        Assert.That(WorldFiles(), Is.EquivalentTo(files), "the replayed 'save legit' wrote nothing");
        Assert.That(_host.StopRequested, Is.False);
        Assert.That(await TickAsync(), Is.GreaterThan(tick));
    }

    [Test]
    public async Task A_flood_of_connection_requests_and_garbage_from_eight_sockets_keeps_ticks_running_and_runs_nothing()
    {
        byte[][] requests = [ConnectRequestFlood.CaptureRequest(AdminLimits.ConnectionKey), ConnectRequestFlood.CaptureRequest("not-the-admin-key")];
        var files = WorldFiles();
        await Task.Delay(500); // past the start's warm-up
        var tickBefore = await TickAsync();
        var clock = Stopwatch.StartNew();

        var sent = await ConnectRequestFlood.SendAsync(AdminPort, requests, sockets: 8, perSocket: 1500, seed: 9);

        await Task.Delay(500);
        var tickAfter = await TickAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var counters = _host.Admin!.Counters;
        TestContext.Out.WriteLine($"{sent} datagrams in {seconds:0.00} s; ticks {tickBefore} -> {tickAfter}; refused connections {counters.RefusedConnections}, dropped {counters.DroppedDatagrams}");

        // A behaviour check, not a performance target: a quarter of the configured rate, on a loaded machine.
        Assert.That(tickAfter - tickBefore, Is.GreaterThanOrEqualTo((long)(0.25 * TickRate * seconds)), "the tick thread kept ticking through the flood");
        Assert.That(counters.RefusedConnections, Is.GreaterThanOrEqualTo(100), "the requests reached the listener and were refused");
        Assert.That(counters.DroppedDatagrams, Is.GreaterThan(0), "the garbage reached the listener and was dropped");
        Assert.That(counters.Commands, Is.Zero);
        Assert.That(AuditLines(), Is.Empty);
        Assert.That(WorldFiles(), Is.EquivalentTo(files));
        Assert.That(_host.StopRequested, Is.False);

        // Connections the flood opened time out; then a real admin gets in again.
        var admitted = await ConnectWithRetriesAsync(TimeSpan.FromSeconds(90));
        using (admitted)
        {
            Assert.That((await admitted.RunAsync("status", _ => { })).Succeeded, Is.True);
        }

        Assert.That(counters.Commands, Is.EqualTo(1));
    }

    [Test]
    public async Task Wrong_keys_are_refused_then_the_address_is_locked_out_even_for_the_right_key_and_nothing_runs()
    {
        var files = WorldFiles();
        var tick = await TickAsync();
        for (var i = 0; i < 3; i++)
        {
            var wrong = Assert.ThrowsAsync<AdminClientException>(() => AdminClient.ConnectAsync("127.0.0.1", AdminPort, AdminKey.Generate(), Wait))!;
            Assert.That(wrong.Message, Does.Contain("wrong admin key"));
        }

        var locked = Assert.ThrowsAsync<AdminClientException>(() => AdminClient.ConnectAsync("127.0.0.1", AdminPort, Key, Wait))!;
        Assert.That(locked.Message, Does.Contain("locked out"));

        // A peer that skips the handshake and sends commands is not let in either.
        using (var raw = new RawAdminPeer(AdminPort))
        {
            Assert.That(raw.WaitConnected(Wait), Is.True);
            for (var i = 0; i < 10; i++) raw.Send(new AdminCommand((uint)i, "save sneaky"));
            Assert.That(raw.WaitDisconnected(Wait), Is.True);
        }

        var counters = _host.Admin!.Counters;
        Assert.That(counters.FailedProofs, Is.EqualTo(3));
        Assert.That(counters.LockedOutAttempts, Is.GreaterThanOrEqualTo(1));
        Assert.That(_log.Lines, Has.Some.Contains("locked out after 3 failed proofs"));
        Assert.That(counters.Commands, Is.Zero);
        Assert.That(AuditLines(), Is.Empty);
        Assert.That(WorldFiles(), Is.EquivalentTo(files));
        Assert.That(await TickAsync(), Is.GreaterThan(tick));
    }

    private async Task<AdminClient> ConnectWithRetriesAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await AdminClient.ConnectAsync("127.0.0.1", AdminPort, Key, Wait);
            }
            catch (AdminClientException e) when (clock.Elapsed < within)
            {
                TestContext.Out.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: not yet: {e.Message}");
                await Task.Delay(1000);
            }
        }
    }

    private async Task<long> TickAsync()
    {
        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync("status", CommandCaller.Console, reply).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(outcome.Succeeded, Is.True, outcome.Reason);
        return long.Parse(TickPattern().Match(reply.Lines[0]).Groups["tick"].Value, CultureInfo.InvariantCulture);
    }

    private List<string> AuditLines() => _log.Lines.Where(l => l.Contains("admin command from", StringComparison.Ordinal)).ToList();

    private List<string> WorldFiles() => Directory.Exists(_host.WorldDirectory)
        ? Directory.GetFiles(_host.WorldDirectory).Select(f => Path.GetFileName(f)).ToList()
        : [];

    [GeneratedRegex(@" tick=(?<tick>\d+) ")]
    private static partial Regex TickPattern();
}
