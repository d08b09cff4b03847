using GameServer.Persistence.Storage;
using GameServer.World;

namespace GameServer.Persistence.Autosave;

/// <summary>On-demand saves waiting for the next capture, oldest first; an identical request merges into the pending one, and a closed queue rejects.</summary>
/// <remarks>
/// Any thread adds; the tick thread takes. <see cref="Count"/> is a volatile read, so the tick thread's
/// "anything pending?" check takes no lock and allocates nothing.
/// </remarks>
internal sealed class SaveRequestQueue
{
    private readonly object _gate = new();
    private readonly List<SaveRequest> _pending = [];
    private volatile int _count;
    private string? _closedReason;

    /// <summary>Requests waiting.</summary>
    public int Count => _count;

    /// <summary>
    /// Queues a save (or joins an identical pending one: <paramref name="merged"/>) and returns its result task;
    /// once closed, returns a rejection at once.
    /// </summary>
    public Task<SaveResult> Add(SaveKind kind, string label, out bool merged) => Add(kind, label, null, out merged);

    /// <summary>
    /// Queues a save whose capture is followed at once, on the tick thread, by <paramref name="changeAfterCapture"/>
    /// (never merged: the change must run exactly once); otherwise as <see cref="Add(SaveKind, string, out bool)"/>.
    /// </summary>
    public Task<SaveResult> Add(SaveKind kind, string label, Action<GameWorld>? changeAfterCapture, out bool merged)
    {
        merged = false;
        lock (_gate)
        {
            if (_closedReason is not null) return Task.FromResult(SaveResult.Rejected(kind, _closedReason));
            foreach (var pending in _pending)
            {
                if (changeAfterCapture is not null || !pending.IsSameAs(kind, label)) continue;
                merged = true;
                return pending.AddWaiter();
            }

            var request = new SaveRequest(kind, label, changeAfterCapture);
            _pending.Add(request);
            _count = _pending.Count;
            return request.AddWaiter();
        }
    }

    /// <summary>The kind of the request <see cref="TryTake"/> would return, or <see cref="SaveKind.Auto"/> (a scheduled save) when none is waiting.</summary>
    public SaveKind NextKind()
    {
        if (_count == 0) return SaveKind.Auto;
        lock (_gate) return _pending.Count == 0 ? SaveKind.Auto : _pending[0].Kind;
    }

    /// <summary>Takes the oldest request, or null when none is waiting.</summary>
    public SaveRequest? TryTake()
    {
        if (_count == 0) return null;
        lock (_gate)
        {
            if (_pending.Count == 0) return null;
            var request = _pending[0];
            _pending.RemoveAt(0);
            _count = _pending.Count;
            return request;
        }
    }

    /// <summary>Rejects every waiting request with <paramref name="reason"/>, and every later one too.</summary>
    public void Close(string reason)
    {
        SaveRequest[] abandoned;
        lock (_gate)
        {
            _closedReason ??= reason;
            abandoned = [.. _pending];
            _pending.Clear();
            _count = 0;
        }

        foreach (var request in abandoned) request.Complete(SaveResult.Rejected(request.Kind, reason));
    }
}
