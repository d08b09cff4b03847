using GameServer.Persistence.Autosave;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence;

[CancelAfter(60_000)]
public class AutosaveServiceTests : AutosaveRig
{
    [Test]
    public void Scheduled_autosaves_run_on_the_interval_and_not_before()
    {
        using var service = Service();
        Tick(service, 10);
        Assert.That(SaveFiles(), Is.Empty, "nothing is due yet");

        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == 1);
        Assert.That(SaveFiles().Single(), Does.StartWith("auto-"));

        Time.Advance(TimeSpan.FromSeconds(30));
        Tick(service, 10);
        Assert.That(SaveFiles(), Has.Count.EqualTo(1), "half an interval later, still one");
    }

    [Test]
    public void Save_off_suspends_scheduled_autosaves_but_not_on_demand_saves_and_save_on_resumes()
    {
        using var service = Service();
        service.Suspend();
        Time.Advance(TimeSpan.FromMinutes(5));
        Tick(service, 20);
        Assert.That(SaveFiles(), Is.Empty);
        Assert.That(service.GetStatus(World.Tick).Enabled, Is.False);

        var manual = service.SaveAndWait(World, SaveKind.Manual, "backup", SaveFixture.Timeout);
        Assert.That(manual.Succeeded, Is.True, manual.Error);

        service.Resume();
        TickUntil(service, () => SaveFiles().Any(f => f.StartsWith("auto-", StringComparison.Ordinal)));
        Assert.That(service.GetStatus(World.Tick).Enabled, Is.True);
    }

    [Test]
    public void A_write_failure_leaves_earlier_saves_intact_shows_in_status_and_the_next_interval_retries()
    {
        var files = new FaultyFileSystem();
        var log = new ListLogger();
        using var service = Service(new LocalFolderStore(Folder.Path, files), log: log);
        var good = service.SaveAndWait(World, SaveKind.Manual, "good", SaveFixture.Timeout);
        Assert.That(good.Succeeded, Is.True, good.Error);
        var goodBytes = File.ReadAllBytes(good.Location!);

        files.FailWriteAfterBytes = 1000;
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesFailed == 1);
        var status = service.GetStatus(World.Tick);
        Assert.That(status.LastResult!.Succeeded, Is.False);
        Assert.That(status.LastResult.Error, Does.Contain("No space left"));
        Assert.That(status.ConsecutiveFailures, Is.EqualTo(1));
        Assert.That(Folder.Path, Does.Exist);
        Assert.That(Directory.GetFiles(Folder.Path), Has.Length.EqualTo(1), "no temp file left behind");
        Assert.That(File.ReadAllBytes(good.Location!), Is.EqualTo(goodBytes));

        files.FailWriteAfterBytes = null;
        files.FailRename = true;
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesFailed == 2);
        Assert.That(service.GetStatus(World.Tick).LastResult!.Error, Does.Contain("Permission denied"));
        Assert.That(Directory.GetFiles(Folder.Path), Has.Length.EqualTo(1));

        files.FailRename = false;
        files.FailFsync = true;
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesFailed == 3);
        Assert.That(service.GetStatus(World.Tick).LastResult!.Error, Does.Contain("Input/output error"));
        Assert.That(service.GetStatus(World.Tick).ConsecutiveFailures, Is.EqualTo(3));
        Assert.That(Directory.GetFiles(Folder.Path), Has.Length.EqualTo(1));
        Assert.That(log.Lines.Count(l => l.StartsWith("Error: save of tick", StringComparison.Ordinal)), Is.EqualTo(3), "one log line per failure, with its reason");
        Assert.That(log.Lines, Has.Some.Contains("Permission denied"));

        files.FailFsync = false;
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == 2);
        status = service.GetStatus(World.Tick);
        Assert.That(status.ConsecutiveFailures, Is.Zero);
        Assert.That(status.LastResult!.Succeeded, Is.True);
        Assert.That(SavePaths.Verify(status.LastResult.Location!), Is.Null);
    }

    [Test]
    public void A_failed_autosave_makes_the_next_autosave_a_full_save()
    {
        var options = new AutosaveOptions
        {
            WorldName = "test",
            Interval = TimeSpan.FromMinutes(1),
            Retention = new RetentionPolicy { KeepLatest = 10, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero },
            Deltas = new DeltaPolicy { FullEvery = 10, MaxChainFraction = 100 },
        };
        var files = new FaultyFileSystem();
        var store = new LocalFolderStore(Folder.Path, files);
        using var service = Service(store, options);
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == 1);

        files.FailRename = true; // the delta against save 1 fails at its commit
        World.GetColumn<float>("x").Set(1, 1);
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesFailed == 1);

        files.FailRename = false;
        World.GetColumn<float>("x").Set(2, 2);
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == 2);
        var next = service.GetStatus(World.Tick).LastSuccess!;
        Assert.That(next.ChainIndex, Is.Zero, "the save after a failed one starts a new chain");
        Assert.That(next.BaseName, Is.Null);
        using var reread = SaveFile.OpenAsync(store, next.Name!).GetAwaiter().GetResult();
        Assert.That(reread.Header.IsDelta, Is.False);
    }

    [Test]
    public void Save_is_refused_with_a_clear_error_when_the_disk_lacks_space()
    {
        var files = new FaultyFileSystem { ReportedFreeBytes = 10_000 };
        using var service = Service(new LocalFolderStore(Folder.Path, files));
        var result = service.SaveAndWait(World, SaveKind.Manual, null, SaveFixture.Timeout);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("not enough free space"));
        Assert.That(Directory.GetFiles(Folder.Path), Is.Empty);
    }

    [TestCase("../escape")]
    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase("with space")]
    [TestCase("-leading-dash")]
    [TestCase("this-label-is-far-too-long-to-be-accepted-by-the-server-xx")]
    public async Task Bad_labels_are_rejected_and_nothing_is_written(string label)
    {
        using var service = Service();
        var result = await service.RequestSave(SaveKind.Manual, label);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.StartWith("bad label"));
        Tick(service, 5);
        Assert.That(Directory.GetFiles(Folder.Path), Is.Empty);
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(Folder.Path)!, "*escape*", SearchOption.AllDirectories), Is.Empty, "nothing written outside the folder either");
    }

    [Test]
    public void Stale_temp_files_are_removed_on_start_and_saves_are_kept()
    {
        var path = SaveFixture.Write(Folder.Path, World);
        var stale = Folder.File("." + Path.GetFileName(path) + ".0123abcd.tmp");
        File.WriteAllText(stale, "half a save");
        var log = new ListLogger();
        using var service = Service(log: log);
        Assert.That(stale, Does.Not.Exist);
        Assert.That(log.Lines, Has.One.StartsWith("Warning: removed stale temp file").And.Contains(Path.GetFileName(stale)));
        Assert.That(path, Does.Exist);
    }

    [Test]
    public void Requests_while_a_save_is_in_flight_coalesce_into_the_next_capture()
    {
        using var service = Service();
        var first = service.RequestSave(SaveKind.Manual, "same");
        service.OnBetweenTicks(World);
        var second = service.RequestSave(SaveKind.Manual, "same");
        var third = service.RequestSave(SaveKind.Manual, "same");
        TickUntil(service, () => first.IsCompleted && second.IsCompleted && third.IsCompleted);
        Assert.That(second.Result.Name, Is.EqualTo(third.Result.Name), "merged into one save");
        Assert.That(service.GetStatus(World.Tick).Coalesced, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Capture_waits_for_a_later_tick_when_no_pooled_snapshot_is_free()
    {
        using var service = Service();
        var held = new[] { Pool.Capture(World), Pool.Capture(World) };
        var request = service.RequestSave();
        Tick(service, 3);
        Assert.That(service.GetStatus(World.Tick).Skipped, Is.EqualTo(3));
        Assert.That(request.IsCompleted, Is.False);
        foreach (var s in held) s.Dispose();
        TickUntil(service, () => request.IsCompleted);
        Assert.That(request.Result.Succeeded, Is.True);
    }

    [Test]
    public void Status_reports_sizes_durations_and_ticks_since_last_save()
    {
        using var service = Service();
        var result = service.SaveAndWait(World, SaveKind.Manual, null, SaveFixture.Timeout);
        Tick(service, 7);
        var status = service.GetStatus(World.Tick);
        Assert.That(status.TicksSinceLastSuccess, Is.EqualTo(7));
        Assert.That(status.LastSuccess!.RawBytes, Is.GreaterThan(status.LastSuccess.StoredBytes));
        Assert.That(status.LastSuccess.Ratio, Is.GreaterThan(1));
        Assert.That(status.LastSuccess.EncodeDuration, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(status.NextDueUtc, Is.EqualTo(Time.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1)).Within(TimeSpan.FromSeconds(1)));
        Assert.That(result.Location, Does.Exist);
    }

    [Test]
    public void Autosaves_chain_as_deltas_and_retention_keeps_every_base_a_kept_delta_needs()
    {
        var options = new AutosaveOptions
        {
            WorldName = "test",
            Interval = TimeSpan.FromMinutes(1),
            Retention = new RetentionPolicy { KeepLatest = 2, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero },
            Deltas = new DeltaPolicy { FullEvery = 3, MaxChainFraction = 100 },
        };
        var store = new LocalFolderStore(Folder.Path);
        using var service = Service(store, options);
        for (var i = 1; i <= 6; i++)
        {
            World.GetColumn<float>("x").Set(i, i);
            Time.Advance(TimeSpan.FromMinutes(1));
            TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == i);
        }

        // Saves 1 (full) 2 3 4 (deltas) 5 (full) 6 (delta): the newest two are 5 and 6, and 6 needs only 5.
        var autos = SaveFiles().Where(f => f.StartsWith("auto-", StringComparison.Ordinal)).ToList();
        Assert.That(autos, Has.Count.EqualTo(2));
        foreach (var file in autos)
        {
            using var loaded = SaveLoader.LoadAsync(store, file).GetAwaiter().GetResult();
            Assert.That(loaded.Count, Is.EqualTo(World.Count));
        }

        using var newest = SaveFile.OpenAsync(store, autos.Max(StringComparer.Ordinal)!).GetAwaiter().GetResult();
        Assert.That(newest.Header.ChainIndex, Is.EqualTo(1));
        Assert.That(autos, Does.Contain(newest.Header.BaseFileName));
    }

    [Test]
    public void Retention_keeps_the_newest_autosaves_and_never_deletes_manual_saves()
    {
        var options = new AutosaveOptions
        {
            WorldName = "test",
            Interval = TimeSpan.FromMinutes(1),
            Retention = new RetentionPolicy { KeepLatest = 3, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero },
            Deltas = DeltaPolicy.Off, // full saves only: a chain keeps its bases (Delta/ChainRetentionTests)
        };
        using var service = Service(options: options);
        service.SaveAndWait(World, SaveKind.Manual, "keepme", SaveFixture.Timeout);
        for (var i = 1; i <= 6; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == i + 1);
        }

        var files = SaveFiles();
        Assert.That(files.Count(f => f.StartsWith("auto-", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(files.Count(f => f.StartsWith("manual-keepme", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Retention_does_not_count_or_delete_autosaves_that_fail_verification()
    {
        var options = new AutosaveOptions
        {
            Interval = TimeSpan.FromMinutes(1),
            Retention = new RetentionPolicy { KeepLatest = 2, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero },
        };
        using var service = Service(options: options);
        for (var i = 1; i <= 2; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == i);
        }

        var goodOnes = SaveFiles();
        // A crash loop's damaged files, newer than the good ones, must not rotate the good ones away.
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllText(Folder.File(SaveNames.Auto(Time.GetUtcNow().UtcDateTime.AddSeconds(10 + i), 900 + i)), "damaged");
        }

        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick).SavesCompleted == 3);
        var files = SaveFiles();
        Assert.That(files, Does.Contain(goodOnes.Max()), "the newest good older save survives");
        Assert.That(files.Count(f => f.Contains("-t00000009", StringComparison.Ordinal)), Is.EqualTo(3), "damaged files are left for the admin");
    }
}
