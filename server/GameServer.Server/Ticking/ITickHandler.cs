namespace GameServer.Server.Ticking;

/// <summary>What one tick does: advance the world, then the between-ticks work (input, capture).</summary>
public interface ITickHandler
{
    /// <summary>Runs one tick on the tick thread.</summary>
    void RunTick();
}
