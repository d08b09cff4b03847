using System.Diagnostics;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>
/// The full disk for real: a 6 MiB tmpfs the autosaves fill. Needs root to mount (CI runs as root); without it
/// the test fails loudly rather than skip.
/// </summary>
[CancelAfter(180_000)]
public class TmpfsFullDiskTests
{
    private const long VolumeBytes = 6L << 20;
    private TempFolder _folder = null!;
    private string _volume = null!;
    private FakeTimeProvider _time = null!;
    private SnapshotPool _pool = null!;
    private GameWorld _world = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _volume = _folder.File("volume");
        Directory.CreateDirectory(_volume);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={VolumeBytes},mode=0700", "tmpfs", _volume);
        if (code != 0) Assert.Fail($"cannot mount a {VolumeBytes}-byte tmpfs at {_volume} (needs root, as CI has): {output}");
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        _pool = new SnapshotPool(2, trackLeaks: true);
        _world = TestWorlds.Populated(40_000);
    }

    [TearDown]
    public void TearDown()
    {
        _pool?.AssertNoLeaks();
        Run("umount", "-l", _volume);
        _folder.Dispose();
    }

    [Test]
    public void On_a_full_tmpfs_autosaves_keep_committing_by_deleting_old_ones_and_the_manual_save_stays()
    {
        var log = new ListLogger();
        using var service = Service(new LocalFolderStore(_volume), log);
        var manual = service.SaveAndWait(_world, SaveKind.Manual, "keepme", SaveFixture.Timeout);
        Assert.That(manual.Succeeded, Is.True, manual.Error);

        var results = Autosaves(service, 3 * (int)(VolumeBytes / manual.StoredBytes));

        Assert.That(results.Select(r => r.Error), Is.All.Null, "every autosave committed on a volume that stayed full");
        var status = service.GetStatus(_world.Tick);
        Assert.That(status.SpaceRetries, Is.GreaterThan(0), "the volume was filled: room had to be made");
        Assert.That(status.FreeSpaceMarginBytes, Is.EqualTo((long)(VolumeBytes * 0.05)), "the 64 MiB margin scaled to 5 % of the volume");
        Assert.That(SavePaths.Verify(manual.Location!), Is.Null);
        using var latest = SavePaths.LoadLatest(_volume).Snapshot;
        Assert.That(latest?.Tick, Is.EqualTo(results[^1].Tick));
        Assert.That(Directory.GetFiles(_volume, "*.tmp"), Is.Empty);
    }

    [Test]
    public void A_real_enospc_from_the_kernel_is_recognised_and_the_save_retried_after_making_room()
    {
        var log = new ListLogger();
        var lying = new FaultyFileSystem { ReportedFreeBytes = 1L << 40 }; // the free figure claims room: only the kernel's ENOSPC tells
        using var service = Service(new LocalFolderStore(_volume, lying), log, marginBytes: 0);
        var first = Autosaves(service, 1)[0];
        Assert.That(first.Succeeded, Is.True, first.Error);

        var results = Autosaves(service, 2 * (int)(VolumeBytes / first.StoredBytes));

        Assert.That(results.Select(r => r.Error), Is.All.Null);
        var status = service.GetStatus(_world.Tick);
        Assert.That(status.SpaceRetries, Is.GreaterThan(0));
        Assert.That(status.LastSpaceShortage, Does.Contain("No space left on device"), "the kernel's own message, not an injected one");
        Assert.That(Directory.GetFiles(_volume, "*.tmp"), Is.Empty);
    }

    [Test]
    public void A_tmpfs_too_small_for_one_save_is_reported_at_start()
    {
        using var service = Service(new LocalFolderStore(_volume), new ListLogger());

        var warning = service.CheckRoomForOneSave(2 * VolumeBytes);

        Assert.That(warning, Does.Contain("too small for even one save"));
        Assert.That(service.GetStatus(_world.Tick).SpaceWarning, Is.EqualTo(warning));
    }

    [Test]
    public void A_server_on_a_volume_too_small_for_one_save_warns_at_start_shows_it_in_status_and_keeps_running()
    {
        var (code, output) = Run("mount", "-o", "remount,size=256k", _volume);
        Assert.That(code, Is.Zero, output);
        using var server = ChildProcess.StartDll(
            "gameserver.dll",
            ["--saves", _volume, "--log-dir", _folder.File("logs"), "--entities", "20000", "--port", "0", "--admin-port", "0", "--admin-key-file", "none", "--autosave-interval", "600"]);

        server.WaitForLine("server running");
        server.Send("status");

        Assert.That(server.WaitForLine("space_warning:"), Does.Contain("too small for even one save"));
        Assert.That(server.Errors, Does.Contain("WARN  the volume of").And.Contain("too small for even one save"), "warnings go to stderr, logged before 'server running'");
        Assert.That(server.HasExited, Is.False, "a warning, not an exit");
        server.Send("stop");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(60)), Is.EqualTo(1), "the final save cannot fit: it fails, and says so");
    }

    private AutosaveService Service(ISaveStore store, ListLogger log, long marginBytes = 64L << 20)
    {
        var service = SaveFixture.Service(
            store,
            _pool,
            _time,
            new AutosaveOptions
            {
                WorldName = "test",
                Interval = TimeSpan.FromMinutes(1),
                FreeSpaceMarginBytes = marginBytes,
                Deltas = DeltaPolicy.Off,
                Retention = new RetentionPolicy { KeepLatest = 50 },
            },
            log);
        service.CheckRoomForOneSave(0);
        return service;
    }

    private List<SaveResult> Autosaves(AutosaveService service, int count)
    {
        var results = new List<SaveResult>();
        var x = _world.GetColumn<float>("x");
        var random = new Random(count);
        for (var i = 0; i < count; i++)
        {
            for (var row = 0; row < _world.Count; row += 7) x.Set(row, random.NextSingle()); // a changing world: no two saves alike
            _time.Advance(TimeSpan.FromMinutes(1));
            _world.AdvanceTick();
            results.Add(service.SaveAndWait(_world, SaveKind.Auto, null, SaveFixture.Timeout));
        }

        return results;
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
