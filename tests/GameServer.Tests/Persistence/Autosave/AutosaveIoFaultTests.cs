using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Autosave;

/// <summary>
/// Promise 2 at the autosave service: a fault at every call of a scheduled autosave (commit and retention),
/// once and persistently, for ENOSPC, EIO, EFBIG and EACCES. Ticks go on, status shows the error, the last good
/// save stays intact, and the first save after the fault clears succeeds and leaves no temp file.
/// </summary>
[CancelAfter(300_000)]
public class AutosaveIoFaultTests
{
    private TempFolder _folder = null!;
    private FakeTimeProvider _time = null!;
    private SnapshotPool _pool = null!;
    private GameWorld _world = null!;

    public static IEnumerable<TestCaseData> Faults() =>
        from fault in Enum.GetValues<InjectedFault>()
        from persistent in new[] { false, true }
        select new TestCaseData(fault, persistent).SetArgDisplayNames(fault.ToString(), persistent ? "persistent" : "once");

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        _pool = new SnapshotPool(2, trackLeaks: true);
        _world = TestWorlds.Populated(300);
    }

    [TearDown]
    public void TearDown()
    {
        _pool.AssertNoLeaks();
        _folder.Dispose();
    }

    [TestCaseSource(nameof(Faults))]
    public void A_fault_at_every_call_of_an_autosave_keeps_ticking_shows_in_status_and_the_next_save_succeeds_once_it_clears(InjectedFault fault, bool persistent)
    {
        var files = new FaultInjectingFileSystem();
        var log = new ListLogger();
        var options = new AutosaveOptions { WorldName = "test", Interval = TimeSpan.FromMinutes(1), FreeSpaceMarginBytes = 0, Retention = new RetentionPolicy { KeepLatest = 2 } };
        using var service = SaveFixture.Service(new LocalFolderStore(_folder.Path, files), _pool, _time, options, log);
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
            var ticksBefore = _world.Tick;

            var result = NextAutosave(service);

            var call = files.Calls is { } made && at < made.Count ? made[at] : "";
            var context = $"fault {fault} at call {at} ({call}), {(persistent ? "persistent" : "once")}";
            injected += files.Injected;
            if (files.Injected == 0) missed++; // this save made fewer calls than the measured one (retention had less to do)
            Assert.That(_world.Tick, Is.GreaterThan(ticksBefore), "ticks go on: " + context);
            var status = service.GetStatus(_world.Tick);
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
            foreach (var file in Directory.GetFiles(_folder.Path, "*.gsav")) Assert.That(SavePaths.Verify(file), Is.Null, $"{file}: {context}");

            files.Clear();
            var after = NextAutosave(service);
            Assert.That(after.Succeeded, Is.True, $"{after.Error}: {context}");
            Assert.That(Directory.GetFiles(_folder.Path, "*.tmp"), Is.Empty, "no temp file outlives the fault: " + context);
            using var latest = SavePaths.LoadLatest(_folder.Path).Snapshot;
            Assert.That(latest?.Tick, Is.EqualTo(after.Tick), context);
        }

        Assert.That(missed, Is.LessThan(calls / 4), "nearly every call position was hit");
        TestContext.Out.WriteLine($"{injected} faults injected over {calls} call positions (run total {FaultInjectingFileSystem.TotalInjected})");
    }

    /// <summary>One interval later, ticks until the scheduled autosave is done; returns its result.</summary>
    private SaveResult NextAutosave(AutosaveService service)
    {
        var before = service.GetStatus(_world.Tick);
        var done = before.SavesCompleted + before.SavesFailed;
        _time.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow + SaveFixture.Timeout;
        while (true)
        {
            var status = service.GetStatus(_world.Tick);
            if (status.SavesCompleted + status.SavesFailed > done && !status.InFlight) return status.LastResult!;
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for the autosave");
            _world.AdvanceTick();
            service.OnBetweenTicks(_world);
            Thread.Sleep(1);
        }
    }

    private string NewestGood() => SavePaths.LoadLatest(_folder.Path) is { Entry: { } entry } loaded
        ? Dispose(loaded, entry.Location)
        : throw new AssertionException("no good save");

    private static string Dispose(LoadResult loaded, string location)
    {
        loaded.Snapshot?.Dispose();
        return location;
    }
}
