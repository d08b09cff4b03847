using System.Threading.Channels;
using GameServer.World;

namespace GameServer.Server.Ticking;

/// <summary>
/// The input stage: work posted from any thread (console and remote commands, rollbacks) waits in a
/// bounded queue and runs on the tick thread at the start of the next tick.
/// </summary>
/// <remarks>
/// Posting never blocks: a full queue refuses the work. After <see cref="Close"/> nothing is accepted and
/// queued work is abandoned, so no one waits forever on a server that stopped. Draining an empty queue
/// allocates nothing.
/// </remarks>
public sealed class TickInbox : ITickStage
{
    private readonly Channel<TickWork> _work;
    private volatile bool _closed;

    /// <summary>An inbox holding at most <paramref name="capacity"/> waiting items.</summary>
    public TickInbox(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _work = Channel.CreateBounded<TickWork>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <inheritdoc />
    public string Name => TickStageNames.Input;

    /// <summary>Queues work for the next tick; false when the queue is full or closed. Any thread.</summary>
    public bool TryPost(TickWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return !_closed && _work.Writer.TryWrite(work);
    }

    /// <summary>Runs <paramref name="work"/> on the tick thread at the next tick; the task completes with its result. Any thread.</summary>
    /// <remarks>The task faults with <see cref="TickWorkRejectedException"/> when the queue is full or the server stops first.</remarks>
    public Task<T> InvokeAsync<T>(Func<GameWorld, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new FuncWork<T>(work);
        if (TryPost(item)) return item.Task;
        return Task.FromException<T>(new TickWorkRejectedException(_closed ? "the server is stopping" : "the server is busy; try again"));
    }

    /// <summary>Runs every queued item. Tick thread.</summary>
    public void Run(GameWorld world)
    {
        while (_work.Reader.TryRead(out var work)) work.Execute(world);
    }

    /// <summary>Accepts nothing more and abandons what is still queued. Tick thread, once the loop has stopped.</summary>
    public void Close()
    {
        _closed = true;
        _work.Writer.TryComplete();
        while (_work.Reader.TryRead(out var work)) work.Abandon();
    }
}
