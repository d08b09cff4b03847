using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;

namespace GameServer.Tests.Persistence.Autosave;

public class SaveRequestQueueTests
{
    [Test]
    public void Identical_requests_merge_and_different_ones_queue_oldest_first()
    {
        var queue = new SaveRequestQueue();
        var a = queue.Add(SaveKind.Manual, "a", out var firstMerged);
        var b = queue.Add(SaveKind.Manual, "b", out _);
        var againA = queue.Add(SaveKind.Manual, "a", out var secondMerged);
        _ = queue.Add(SaveKind.Auto, "a", out var autoMerged);

        Assert.That(firstMerged, Is.False);
        Assert.That(secondMerged, Is.True, "same kind and label");
        Assert.That(autoMerged, Is.False, "same label, other kind");
        Assert.That(queue.Count, Is.EqualTo(3));

        var taken = queue.TryTake()!;
        Assert.That((taken.Kind, taken.Label), Is.EqualTo((SaveKind.Manual, "a")));
        var result = new SaveResult { Succeeded = true, Kind = SaveKind.Manual, Tick = 42 };
        taken.Complete(result);
        Assert.That(a.Result, Is.SameAs(result));
        Assert.That(againA.Result, Is.SameAs(result), "the merged waiter gets the same save");
        Assert.That(b.IsCompleted, Is.False);
        Assert.That(queue.TryTake()!.Label, Is.EqualTo("b"));
        Assert.That(queue.TryTake()!.Kind, Is.EqualTo(SaveKind.Auto));
        Assert.That(queue.TryTake(), Is.Null);
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public void Close_rejects_waiting_requests_and_every_later_one()
    {
        var queue = new SaveRequestQueue();
        var waiting = queue.Add(SaveKind.Manual, "w", out _);

        queue.Close("stopped");
        var later = queue.Add(SaveKind.Auto, "", out var merged);

        Assert.That(waiting.IsCompleted && later.IsCompleted, Is.True);
        Assert.That(waiting.Result.Succeeded, Is.False);
        Assert.That(waiting.Result.Error, Is.EqualTo("stopped"));
        Assert.That(later.Result.Error, Is.EqualTo("stopped"));
        Assert.That(later.Result.Kind, Is.EqualTo(SaveKind.Auto));
        Assert.That(merged, Is.False);
        Assert.That(queue.Count, Is.Zero);
        Assert.That(queue.TryTake(), Is.Null);
    }
}
