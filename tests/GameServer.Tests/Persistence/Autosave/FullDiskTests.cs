using GameServer.Persistence.Autosave;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Persistence.Autosave;

/// <summary>A disk that stays full: retention makes room on a space failure and the save is tried once more; the margin scales on small volumes; a too-small volume is reported at start.</summary>
[CancelAfter(120_000)]
public class FullDiskTests : AutosaveRig
{
    private FaultyFileSystem _files = null!;
    private ListLogger _log = null!;

    [SetUp]
    public void SetUp()
    {
        _files = new FaultyFileSystem { CapacityFolder = Folder.Path };
        _log = new ListLogger();
    }

    [Test]
    public void A_save_refused_by_the_margin_makes_room_by_deleting_old_autosaves_and_is_retried()
    {
        using var service = Service(marginBytes: 1000, DeltaPolicy.Off);
        var manual = ManualSave(service);
        var size = new FileInfo(manual).Length;
        _files.CapacityBytes = Used() + (3 * size) + (size / 2);

        var results = AutosaveEveryMinute(service, 8);

        Assert.That(results.Select(r => r.Error), Is.All.Null, "every autosave committed, the full disk notwithstanding");
        AssertManualSaveAndNewestAutosaveIntact(manual, results[^1]);
        var status = service.GetStatus(World.Tick);
        Assert.That(status.SpaceRetries, Is.GreaterThanOrEqualTo(1));
        Assert.That(status.SavesDeletedForSpace, Is.GreaterThanOrEqualTo(status.SpaceRetries));
        Assert.That(status.LastSpaceShortage, Does.Contain("not enough free space").And.Contain("retry succeeded"));
        Assert.That(results.Where(r => r.SpaceShortage is not null), Is.Not.Empty);
        Assert.That(_log.Lines, Has.Some.StartsWith("Warning: save auto-").And.Contains("failed for lack of space").And.Contains("trying once more"));
        Assert.That(_log.Lines, Has.Some.StartsWith("Information: retention removed auto-"));
    }

    [Test]
    public void A_real_no_space_error_while_writing_makes_room_and_the_retry_succeeds()
    {
        using var service = Service(marginBytes: 0, DeltaPolicy.Off);
        var manual = ManualSave(service);
        var size = new FileInfo(manual).Length;
        _files.CapacityBytes = Used() + (3 * size) + (size / 2);
        _files.ReportedFreeBytes = 1L << 40; // the free figure lies (reserved blocks, a quota): only the write finds out

        var results = AutosaveEveryMinute(service, 6);

        Assert.That(results.Select(r => r.Error), Is.All.Null);
        AssertManualSaveAndNewestAutosaveIntact(manual, results[^1]);
        var status = service.GetStatus(World.Tick);
        Assert.That(status.SpaceRetries, Is.GreaterThanOrEqualTo(1));
        Assert.That(status.LastSpaceShortage, Does.Contain("No space left on device"));
        Assert.That(TempFiles(), Is.Empty, "the failed try's temp file is removed");
    }

    [Test]
    public void Making_room_never_deletes_the_newest_verified_autosave_nor_a_manual_save_and_a_save_that_still_cannot_fit_fails_clearly()
    {
        using var service = Service(marginBytes: 1000, DeltaPolicy.Off);
        var manual = ManualSave(service);
        var size = new FileInfo(manual).Length;
        _files.CapacityBytes = Used() + size + (size / 2); // room for one autosave, never two
        var first = AutosaveEveryMinute(service, 1)[0];
        Assert.That(first.Succeeded, Is.True, first.Error);

        var second = AutosaveEveryMinute(service, 1)[0];

        Assert.That(second.Succeeded, Is.False);
        Assert.That(second.Error, Does.Contain("not enough free space").And.Contains("retried after retention deleted 0"));
        AssertManualSaveAndNewestAutosaveIntact(manual, first);
        Assert.That(TempFiles(), Is.Empty);
        var tick = World.Tick;
        Tick(service, 5);
        Assert.That(World.Tick, Is.EqualTo(tick + 5), "ticks go on");
        var status = service.GetStatus(World.Tick);
        Assert.That(status.LastResult!.Error, Is.EqualTo(second.Error));
        Assert.That(status.LastSpaceShortage, Does.Contain("retry failed"));
    }

    [Test]
    public void The_final_save_at_stop_succeeds_on_a_disk_that_stayed_full()
    {
        using var service = Service(marginBytes: 1000, DeltaPolicy.Off);
        var manual = ManualSave(service);
        var size = new FileInfo(manual).Length;
        _files.CapacityBytes = Used() + (2 * size) + (size / 2);
        AutosaveEveryMinute(service, 2);

        // What GameHost.Shutdown does after the loop has stopped.
        Time.Advance(TimeSpan.FromSeconds(1));
        World.AdvanceTick();
        var final = service.SaveAndWait(World, SaveKind.Auto, null, SaveFixture.Timeout);

        Assert.That(final.Succeeded, Is.True, final.Error);
        Assert.That(final.SpaceShortage, Is.Not.Null, "the disk was full: this save needed the room retention made");
        AssertManualSaveAndNewestAutosaveIntact(manual, final);
    }

    [Test]
    public void Making_room_in_delta_chains_never_leaves_a_delta_without_its_base()
    {
        using var service = Service(marginBytes: 1000, new DeltaPolicy { FullEvery = 2, MaxChainFraction = 100 });
        var manual = ManualSave(service);
        var size = new FileInfo(manual).Length;
        _files.CapacityBytes = Used() + (4 * size); // a whole chain (a full save, two small deltas) and the next full save fit, not much more
        var churn = new RandomChurn(World, seed: 7);

        var results = new List<SaveResult>();
        for (var i = 0; i < 16; i++)
        {
            churn.Apply(maxOps: 5, burst: 1);
            results.AddRange(AutosaveEveryMinute(service, 1));
        }

        Assert.That(results.Select(r => r.Error), Is.All.Null);
        Assert.That(service.GetStatus(World.Tick).SavesDeletedForSpace, Is.GreaterThan(0), "the test must have made room");
        var store = LocalFolderStore.OpenReadOnly(Folder.Path);
        foreach (var file in SaveFiles())
        {
            Assert.DoesNotThrowAsync(async () => (await SaveLoader.LoadAsync(store, file)).Dispose(), $"{file} and its whole chain load");
        }

        AssertManualSaveAndNewestAutosaveIntact(manual, results[^1]);
    }

    [Test]
    public void On_a_small_volume_the_64_MiB_margin_scales_down_to_5_percent_so_saves_succeed()
    {
        using var service = Service(marginBytes: 64L << 20, DeltaPolicy.Off);
        _files.CapacityBytes = 40_000_000; // 40 MB, nearly all free: under the 64 MiB setting, far over 5 %

        var result = service.SaveAndWait(World, SaveKind.Manual, "small", SaveFixture.Timeout);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(result.SpaceShortage, Is.Null);
        Assert.That(service.CheckRoomForOneSave(result.StoredBytes), Is.Null);
        Assert.That(service.GetStatus(World.Tick).FreeSpaceMarginBytes, Is.EqualTo(2_000_000));
    }

    [Test]
    public void A_volume_too_small_for_even_one_save_is_reported_at_start_in_the_log_and_status()
    {
        using var service = Service(marginBytes: 1000, DeltaPolicy.Off);
        _files.CapacityBytes = 50_000;

        var warning = service.CheckRoomForOneSave(200_000);

        Assert.That(warning, Does.Contain("too small for even one save"));
        Assert.That(service.GetStatus(World.Tick).SpaceWarning, Is.EqualTo(warning));
        Assert.That(_log.Lines, Has.One.EqualTo("Warning: " + warning));
    }

    [Test]
    public void A_volume_too_full_for_the_next_save_is_reported_at_start()
    {
        using var service = Service(marginBytes: 1000, DeltaPolicy.Off);
        _files.CapacityBytes = 10_000_000;
        _files.ReportedFreeBytes = 100_000;

        var warning = service.CheckRoomForOneSave(200_000);

        Assert.That(warning, Does.StartWith("only 100.0 kB free").And.Contains("retention deletes old autosaves"));
        Assert.That(service.CheckRoomForOneSave(50_000), Is.Null, "a smaller save fits");
        Assert.That(service.GetStatus(World.Tick).SpaceWarning, Is.Null);
    }

    private AutosaveService Service(long marginBytes, DeltaPolicy deltas) => Service(
        new LocalFolderStore(Folder.Path, _files),
        new AutosaveOptions
        {
            WorldName = "test",
            Interval = TimeSpan.FromMinutes(1),
            FreeSpaceMarginBytes = marginBytes,
            Deltas = deltas,
            Retention = new RetentionPolicy { KeepLatest = 10 },
        },
        _log);

    private string ManualSave(AutosaveService service)
    {
        var result = service.SaveAndWait(World, SaveKind.Manual, "keepme", SaveFixture.Timeout);
        Assert.That(result.Succeeded, Is.True, result.Error);
        return result.Location!;
    }

    /// <summary>One autosave a minute, as the schedule would take them; each through the real writer thread.</summary>
    private List<SaveResult> AutosaveEveryMinute(AutosaveService service, int count)
    {
        var results = new List<SaveResult>();
        for (var i = 0; i < count; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            World.AdvanceTick();
            results.Add(service.SaveAndWait(World, SaveKind.Auto, null, SaveFixture.Timeout));
        }

        return results;
    }

    private void AssertManualSaveAndNewestAutosaveIntact(string manual, SaveResult newest)
    {
        Assert.That(SavePaths.Verify(manual), Is.Null, "the manual save is never deleted or damaged");
        Assert.That(SaveFiles(), Does.Contain(newest.Name));
        using var latest = SavePaths.LoadLatest(Folder.Path).Snapshot;
        Assert.That(latest?.Tick, Is.EqualTo(newest.Tick), "the newest save loads");
    }

    private long Used() => Directory.GetFiles(Folder.Path).Sum(f => new FileInfo(f).Length);

    private List<string> TempFiles() => Directory.GetFiles(Folder.Path, "*.tmp").ToList();
}
