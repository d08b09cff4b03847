using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Autosave;

/// <summary>
/// Promise 2 at the autosave service: a fault at every call of a scheduled autosave (commit and retention),
/// once and persistently, for ENOSPC, EIO, EFBIG and EACCES. Ticks go on, status shows the error, the last good
/// save stays intact, and the first save after the fault clears succeeds and leaves no temp file.
/// </summary>
[CancelAfter(300_000)]
public class AutosaveIoFaultTests() : AutosaveRig(entities: 300)
{
    public static IEnumerable<TestCaseData> Faults() =>
        from fault in Enum.GetValues<InjectedFault>()
        from persistent in new[] { false, true }
        select new TestCaseData(fault, persistent).SetArgDisplayNames(fault.ToString(), persistent ? "persistent" : "once");

    [TestCaseSource(nameof(Faults))]
    public void A_fault_at_every_call_of_an_autosave_keeps_ticking_shows_in_status_and_the_next_save_succeeds_once_it_clears(InjectedFault fault, bool persistent)
    {
        var files = new FaultInjectingFileSystem();
        var log = new ListLogger();
        var options = new AutosaveOptions { WorldName = "test", Interval = TimeSpan.FromMinutes(1), FreeSpaceMarginBytes = 0, Retention = new RetentionPolicy { KeepLatest = 2 } };
        using var service = Service(new LocalFolderStore(Folder.Path, files), options, log);
        for (var i = 0; i < 3; i++) Assert.That(NextAutosave(service).Succeeded, Is.True);
        files.Count();
        Assert.That(NextAutosave(service).Succeeded, Is.True);
        var calls = files.Calls.Count; // a scheduled autosave: commit, then retention (one file verified, one deleted)

        var injected = 0;
        var missed = 0;
        for (var at = 0; at < calls; at++)
        {
            var good = NewestGood();
            var goodBytes = File.ReadAllBytes(good);
            files.Arm(at, fault, persistent);
            var ticksBefore = World.Tick;

            var result = NextAutosave(service);

            var call = files.Calls is { } made && at < made.Count ? made[at] : "";
            var context = $"fault {fault} at call {at} ({call}), {(persistent ? "persistent" : "once")}";
            injected += files.Injected;
            if (files.Injected == 0) missed++; // this save made fewer calls than the measured one (retention had less to do)
            Assert.That(World.Tick, Is.GreaterThan(ticksBefore), "ticks go on: " + context);
            var status = service.GetStatus(World.Tick);
            Assert.That(status.LastResult, Is.SameAs(result).Or.EqualTo(result), context);
            if (!result.Succeeded)
            {
                Assert.That(result.Error, Does.Contain("injected"), "status names the error: " + context);
                Assert.That(status.ConsecutiveFailures, Is.GreaterThanOrEqualTo(1), context);
            }
            else if (files.Injected > 0 && !call.StartsWith("FreeBytes", StringComparison.Ordinal) && !call.StartsWith("VolumeBytes", StringComparison.Ordinal))
            {
                Assert.That(log.Lines, Has.Some.Contains("injected"), "a fault the save survived (retention, the free-space query) is logged: " + context);
            }

            Assert.That(File.ReadAllBytes(good), Is.EqualTo(goodBytes), "the last good save is intact: " + context);
            foreach (var file in Directory.GetFiles(Folder.Path, "*.gsav")) Assert.That(SavePaths.Verify(file), Is.Null, $"{file}: {context}");

            files.Clear();
            var after = NextAutosave(service);
            Assert.That(after.Succeeded, Is.True, $"{after.Error}: {context}");
            Assert.That(Directory.GetFiles(Folder.Path, "*.tmp"), Is.Empty, "no temp file outlives the fault: " + context);
            using var latest = SavePaths.LoadLatest(Folder.Path).Snapshot;
            Assert.That(latest?.Tick, Is.EqualTo(after.Tick), context);
        }

        Assert.That(missed, Is.LessThan(calls / 4), "nearly every call position was hit");
        TestContext.Out.WriteLine($"{injected} faults injected over {calls} call positions (run total {FaultInjectingFileSystem.TotalInjected})");
    }

    /// <summary>One interval later, ticks until the scheduled autosave is done; returns its result.</summary>
    private SaveResult NextAutosave(AutosaveService service)
    {
        var before = service.GetStatus(World.Tick);
        var done = before.SavesCompleted + before.SavesFailed;
        Time.Advance(TimeSpan.FromMinutes(1));
        TickUntil(service, () => service.GetStatus(World.Tick) is var status && status.SavesCompleted + status.SavesFailed > done && !status.InFlight);
        return service.GetStatus(World.Tick).LastResult!;
    }

    private string NewestGood() => SavePaths.LoadLatest(Folder.Path) is { Entry: { } entry } loaded
        ? Dispose(loaded, entry.Location)
        : throw new AssertionException("no good save");

    private static string Dispose(LoadResult loaded, string location)
    {
        loaded.Snapshot?.Dispose();
        return location;
    }
}
