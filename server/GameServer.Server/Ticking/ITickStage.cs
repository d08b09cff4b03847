using GameServer.World;

namespace GameServer.Server.Ticking;

/// <summary>One named step of a tick (input, simulation, autosave capture, ...), run in order by a <see cref="TickPipeline"/>.</summary>
/// <remarks>Runs on the tick thread, which owns the world; must allocate nothing per tick in steady state.</remarks>
public interface ITickStage
{
    /// <summary>The stage's name, e.g. <see cref="TickStageNames.Simulation"/> (shown with its timing).</summary>
    string Name { get; }

    /// <summary>Runs this stage's share of the current tick.</summary>
    void Run(GameWorld world);
}
