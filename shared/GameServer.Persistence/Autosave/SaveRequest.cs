using GameServer.Persistence.Storage;
using GameServer.World;

namespace GameServer.Persistence.Autosave;

/// <summary>One on-demand save waiting for a capture: its kind and label, what to change right after its capture, and everyone waiting for its result.</summary>
/// <remarks>Waiters are added only while the request is queued (under the queue's lock) and completed once, by the thread that finishes it.</remarks>
internal sealed class SaveRequest(SaveKind kind, string label, Action<GameWorld>? changeAfterCapture = null)
{
    private readonly List<TaskCompletionSource<SaveResult>> _waiters = [];

    /// <summary>Auto or manual.</summary>
    public SaveKind Kind => kind;

    /// <summary>The manual save's label ("" for none).</summary>
    public string Label => label;

    /// <summary>Runs on the tick thread right after this request's capture point is fixed, before the next tick; null for a plain save.</summary>
    public Action<GameWorld>? ChangeAfterCapture => changeAfterCapture;

    /// <summary>Whether this request asks for the same save as <paramref name="otherKind"/> with <paramref name="otherLabel"/> (a request with a change is never the same as another).</summary>
    public bool IsSameAs(SaveKind otherKind, string otherLabel) =>
        changeAfterCapture is null && kind == otherKind && string.Equals(label, otherLabel, StringComparison.Ordinal);

    /// <summary>Adds a waiter and returns its task (completed by <see cref="Complete"/>; never faults).</summary>
    public Task<SaveResult> AddWaiter()
    {
        var waiter = new TaskCompletionSource<SaveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add(waiter);
        return waiter.Task;
    }

    /// <summary>Gives every waiter <paramref name="result"/>.</summary>
    public void Complete(SaveResult result)
    {
        foreach (var waiter in _waiters) waiter.TrySetResult(result);
    }
}
