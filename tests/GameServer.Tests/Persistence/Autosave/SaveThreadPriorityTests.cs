using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Autosave;

/// <summary>The autosave thread runs below the tick thread's priority (Linux nice), so a save's encode never delays a tick on a busy core.</summary>
[CancelAfter(60_000)]
public class SaveThreadPriorityTests : AutosaveRig
{
    [Test]
    public void The_autosave_thread_runs_at_the_configured_nice_increment_below_the_thread_that_started_it_and_status_shows_it()
    {
        var (before, expected) = Expected(increment: 7);
        int? seen = null;
        using var service = Service(options: new AutosaveOptions { WorldName = "test", Interval = TimeSpan.FromMinutes(1), SaveThreadNice = 7 });
        service.SaveCompleted += _ => seen = BackgroundNice.NiceOf(BackgroundNice.CurrentThreadId()); // on the writer thread

        var result = service.SaveAndWait(World, SaveKind.Manual, null, SaveFixture.Timeout);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(seen, Is.EqualTo(expected), $"the test thread runs at nice {before}");
        Assert.That(BackgroundNice.NiceOf(BackgroundNice.CurrentThreadId()), Is.EqualTo(before), "the caller's (tick) thread keeps its priority");
        Assert.That(service.GetStatus(0).SaveThreadPriority, Is.EqualTo($"nice {expected} (lowered by 7)"));
    }

    [Test]
    public void A_nice_increment_of_zero_leaves_the_autosave_thread_at_the_priority_of_the_thread_that_started_it_and_status_says_so()
    {
        var (before, _) = Expected(increment: 0);
        int? seen = null;
        using var service = Service(options: new AutosaveOptions { WorldName = "test", Interval = TimeSpan.FromMinutes(1), SaveThreadNice = 0 });
        service.SaveCompleted += _ => seen = BackgroundNice.NiceOf(BackgroundNice.CurrentThreadId());

        var result = service.SaveAndWait(World, SaveKind.Manual, null, SaveFixture.Timeout);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(seen, Is.EqualTo(before));
        Assert.That(service.GetStatus(0).SaveThreadPriority, Is.EqualTo("not lowered (setting 0)"));
    }

    /// <summary>The calling thread's nice value and that value plus <paramref name="increment"/>; inconclusive where it cannot be observed or lowered.</summary>
    internal static (int Before, int Expected) Expected(int increment)
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("thread priorities are lowered only on Linux");
        var before = BackgroundNice.NiceOf(BackgroundNice.CurrentThreadId()) ?? throw new InvalidOperationException("no /proc/self/task");
        if (increment > 0 && before >= 19) Assert.Inconclusive("the test process already runs at nice 19, the lowest priority: run the suite at a higher one to see a thread lowered");
        return (before, Math.Min(19, before + increment));
    }
}
