using GameServer.World;

namespace GameServer.Server.Ticking;

/// <summary>A function of the world run on the tick thread; its task carries the result, the exception, or the abandonment.</summary>
internal sealed class FuncWork<T>(Func<GameWorld, T> work) : TickWork
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _done.Task;

    public override void Execute(GameWorld world)
    {
        try
        {
            _done.TrySetResult(work(world));
        }
        catch (Exception e)
        {
            // The tick thread keeps running; whoever posted the work gets the failure.
            _done.TrySetException(e);
        }
    }

    public override void Abandon() => _done.TrySetException(new TickWorkRejectedException("the server stopped before running it"));
}
