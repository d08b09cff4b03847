using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GameServer.Protocol.Admin;
using GameServer.Tests.Support;
using LiteNetLib.Utils;

namespace GameServer.Tests.Admin;

/// <summary>The real <c>gameadmin</c> against a real <c>gameserver</c>, both child processes.</summary>
[CancelAfter(180_000)]
public partial class GameAdminProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private TempFolder _saves = null!;

    [SetUp]
    public void SetUp() => _saves = new TempFolder();

    [TearDown]
    public void TearDown() => _saves.Dispose();

    private string KeyFile => _saves.File("admin.key");

    [Test]
    public void Save_via_gameadmin_writes_a_save_and_exits_0_a_failing_command_exits_1_a_wrong_key_exits_2_and_the_key_never_appears_in_any_log_or_log_file()
    {
        var logs = new List<string>();
        using (var server = StartServer(out var port))
        {
            Assert.That(server.Output, Does.Contain($"created admin key file {KeyFile} (mode 0600)"));
            if (!OperatingSystem.IsWindows()) Assert.That(File.GetUnixFileMode(KeyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

            var save = Admin(port, KeyFile, "save", "nightly");
            Assert.That(save.Code, Is.Zero, save.Errors);
            Assert.That(save.Output, Does.Contain("saved manual-nightly-"));
            Assert.That(Directory.GetFiles(Path.Combine(_saves.Path, "w"), "manual-nightly-*.gsav"), Has.Length.EqualTo(1));
            server.WaitForLine(l => l.Contains("admin command from 127.0.0.1:", StringComparison.Ordinal) && l.EndsWith(": save nightly", StringComparison.Ordinal));

            var failing = Admin(port, KeyFile, "load", "no-such-save");
            Assert.That(failing.Code, Is.EqualTo(1));
            Assert.That(failing.Output, Does.Contain("error: no save matches 'no-such-save'"));
            Assert.That(failing.Errors.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(failing.Errors, Does.StartWith("gameadmin: 'load no-such-save' failed: "));

            var otherKey = _saves.File("other.key");
            File.WriteAllText(otherKey, AdminKey.Generate().ToText());
            var refused = Admin(port, otherKey, "stop");
            Assert.That(refused.Code, Is.EqualTo(2));
            Assert.That(refused.Errors, Does.Contain("wrong admin key"));

            var usage = Admin(port, KeyFile, "--bogus", "1");
            Assert.That(usage.Code, Is.EqualTo(2));

            var stop = Admin(port, KeyFile, "stop");
            Assert.That(stop.Code, Is.Zero, stop.Errors);
            Assert.That(server.WaitForExit(Wait), Is.Zero);
            logs.AddRange([server.Output, server.Errors, save.Output, save.Errors, failing.Output, failing.Errors, refused.Output, refused.Errors, stop.Output, stop.Errors]);
        }

        var logFolder = Path.Combine(_saves.Path, "logs");
        Assert.That(Directory.Exists(logFolder) ? Directory.GetFiles(logFolder) : [], Is.Not.Empty, "the server's log file is checked too");
        logs.AddRange(Directory.GetFiles(logFolder).Select(File.ReadAllText));
        var key = AdminKey.ReadFile(KeyFile);
        var forms = new[] { key.ToText(), key.ToText().ToUpperInvariant(), Convert.ToBase64String(key.Bytes), key.ToText()[..16], key.ToText()[^16..] };
        foreach (var log in logs)
        {
            foreach (var form in forms) Assert.That(log, Does.Not.Contain(form).IgnoreCase);
        }
    }

    [Test]
    public void No_admin_listener_runs_when_the_key_file_is_none()
    {
        var port = FreeUdpPort();
        using var server = StartServer(out _, "--admin-key-file", "none", "--admin-port", port.ToString(CultureInfo.InvariantCulture));
        Assert.That(server.Output, Does.Contain("remote admin off (--admin-key-file none)").And.Not.Contain("remote admin listening"));
        Assert.That(File.Exists(KeyFile), Is.False, "no key file created");

        var keyFile = _saves.File("some.key");
        File.WriteAllText(keyFile, AdminKey.Generate().ToText());
        var attempt = Admin(port, keyFile, "--timeout", "2", "status");
        Assert.That(attempt.Code, Is.EqualTo(2));
        Assert.That(attempt.Errors, Does.Contain("no answer"));
        server.Send("stop");
        Assert.That(server.WaitForExit(Wait), Is.Zero);
    }

    [Test]
    public void Ten_thousand_random_and_truncated_datagrams_to_the_admin_port_run_nothing_and_the_server_keeps_ticking()
    {
        using var server = StartServer(out var port);
        var before = Tick(Admin(port, KeyFile, "status"));

        var random = new Random(5);
        using (var udp = new UdpClient(AddressFamily.InterNetwork))
        {
            var target = new IPEndPoint(IPAddress.Loopback, port);
            for (var i = 0; i < 10_000; i++)
            {
                var datagram = new byte[random.Next(0, 600)];
                random.NextBytes(datagram);

                // Every third one carries a valid checksum, so LiteNetLib's own parser sees garbage too.
                if (i % 3 == 0 && datagram.Length > 8)
                {
                    var crc = CRC32C.Compute(datagram, 0, datagram.Length - 4);
                    BitConverter.TryWriteBytes(datagram.AsSpan(datagram.Length - 4), crc);
                }

                udp.Send(datagram, datagram.Length, target);
            }
        }

        var after = Admin(port, KeyFile, "status");
        Assert.That(after.Code, Is.Zero, after.Errors);
        Assert.That(Tick(after), Is.GreaterThan(before));
        Assert.That(Regex.Matches(server.Output, "admin command from"), Has.Count.EqualTo(2), "only the two status commands ran");
        server.Send("stop");
        Assert.That(server.WaitForExit(Wait), Is.Zero);
    }

    private ChildProcess StartServer(out int adminPort, params string[] extra)
    {
        var args = new List<string> { "--saves", _saves.Path, "--world", "w", "--entities", "2000", "--autosave-interval", "600", "--tick-rate", "30", "--port", "0", "--admin-port", "0" };
        args.AddRange(extra);
        var server = ChildProcess.StartDll("gameserver.dll", args);
        server.WaitForLine("server running", Wait);
        var listening = ListeningPattern().Match(server.Output);
        adminPort = listening.Success ? int.Parse(listening.Groups["port"].Value, CultureInfo.InvariantCulture) : 0;
        return server;
    }

    private static (int Code, string Output, string Errors) Admin(int port, string keyFile, params string[] command)
    {
        using var admin = ChildProcess.StartDll("gameadmin.dll", ["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--key-file", keyFile, .. command]);
        var code = admin.WaitForExit(Wait);
        return (code, admin.Output, admin.Errors);
    }

    private static long Tick((int Code, string Output, string Errors) status)
    {
        Assert.That(status.Code, Is.Zero, status.Errors);
        return long.Parse(TickPattern().Match(status.Output).Groups["tick"].Value, CultureInfo.InvariantCulture);
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"remote admin listening on 127\.0\.0\.1:(?<port>\d+) ")]
    private static partial Regex ListeningPattern();

    [GeneratedRegex(@" tick=(?<tick>\d+) ")]
    private static partial Regex TickPattern();
}
