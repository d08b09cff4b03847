using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Autosave;

/// <summary><see cref="AutosaveService.RequestSaveBefore"/>: the change runs once, on the tick thread, right after its save's capture and before the next tick.</summary>
[CancelAfter(60_000)]
public class SaveBeforeChangeTests : AutosaveRig
{
    private const int Marker = -7;

    [Test]
    public async Task The_change_runs_in_the_same_gap_between_ticks_as_the_capture_and_the_save_holds_the_world_before_it()
    {
        using var service = Service();
        var hpBefore = World.GetColumn<int>("hp").Get(0);
        long? changedAt = null;
        var save = service.RequestSaveBefore(SaveKind.Manual, "before", world =>
        {
            changedAt = world.Tick;
            world.GetColumn<int>("hp").Set(0, Marker);
        });
        Assert.That(changedAt, Is.Null, "nothing runs before the capture");

        Tick(service, 1);

        Assert.That(changedAt, Is.EqualTo(World.Tick), "the change ran between this tick and the next");
        var result = await save;
        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(result.Tick, Is.EqualTo(changedAt));
        using var saved = SavePaths.Load(result.Location!);
        Assert.That(saved.Columns[saved.Schema.IndexOf("hp")].Values<int>()[0], Is.EqualTo(hpBefore), "the save holds the world the change replaced");
        Assert.That(World.GetColumn<int>("hp").Get(0), Is.EqualTo(Marker), "and the world holds the change");
    }

    [Test]
    public async Task Identical_requests_with_changes_are_never_merged_so_each_change_runs_once()
    {
        using var service = Service();
        var runs = 0;
        var plain = service.RequestSave(SaveKind.Manual, "same");
        var first = service.RequestSaveBefore(SaveKind.Manual, "same", _ => runs++);
        var second = service.RequestSaveBefore(SaveKind.Manual, "same", _ => runs++);

        TickUntil(service, () => second.IsCompleted);

        Assert.That(runs, Is.EqualTo(2));
        var results = new[] { await plain, await first, await second };
        Assert.That(results.Select(r => r.Error), Is.All.Null);
        Assert.That(results.Select(r => r.Name).Distinct().Count(), Is.EqualTo(3), "three saves, none merged into another");
        Assert.That(service.GetStatus(World.Tick).Coalesced, Is.Zero);
    }

    [Test]
    public async Task A_rejected_request_never_runs_its_change()
    {
        var service = Service();
        var runs = 0;
        var badLabel = service.RequestSaveBefore(SaveKind.Manual, "no/slashes", _ => runs++);
        TickUntil(service, () => badLabel.IsCompleted);
        service.Dispose();
        var stopped = service.RequestSaveBefore(SaveKind.Manual, "late", _ => runs++);
        Tick(service, 3);

        Assert.That((await badLabel).Error, Does.StartWith("bad label"));
        Assert.That(stopped.IsCompleted, Is.True, "rejected at once");
        Assert.That((await stopped).Error, Does.Contain("stopped"));
        Assert.That(runs, Is.Zero);
        Assert.That(SaveFiles(), Is.Empty);
    }

    [Test]
    public async Task A_change_that_throws_is_logged_and_neither_the_ticks_nor_the_save_stop()
    {
        var log = new ListLogger();
        using var service = Service(log: log);
        var save = service.RequestSaveBefore(SaveKind.Manual, "throws", _ => throw new InvalidOperationException("planted"));

        TickUntil(service, () => save.IsCompleted);

        var result = await save;
        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(log.Lines, Has.One.Contains("the change requested after a save's capture failed: planted"));
    }
}
