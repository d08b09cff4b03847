using GameServer.World;

namespace GameServer.Server.Ticking;

/// <summary>Something to do on the tick thread between ticks, queued in a <see cref="TickInbox"/>.</summary>
public abstract class TickWork
{
    /// <summary>Runs on the tick thread, in the input stage.</summary>
    public abstract void Execute(GameWorld world);

    /// <summary>Called instead of <see cref="Execute"/> when the server stops before the work ran.</summary>
    public abstract void Abandon();
}
