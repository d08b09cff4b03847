using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Schema;

namespace GameServer.Server.Hosting;

/// <summary>
/// A game the server hosts: its world's columns, how a new world is generated, and its per-tick
/// simulation. The server loads, saves, ticks and administers whatever world the game describes.
/// </summary>
public interface IGame
{
    /// <summary>A short name for logs, e.g. <c>demo</c>.</summary>
    string Name { get; }

    /// <summary>The world's columns; a save is restored into a world of this schema.</summary>
    WorldSchema CreateSchema();

    /// <summary>A new world for <see cref="GameSettings.Entities"/> and <see cref="GameSettings.Seed"/>, when no save exists.</summary>
    GameWorld Generate(GameSettings settings);

    /// <summary>The stage that advances <paramref name="world"/> by one tick (named <see cref="TickStageNames.Simulation"/>).</summary>
    /// <remarks>Created once the world is loaded or generated; runs on the tick thread and allocates nothing per tick.</remarks>
    ITickStage CreateSimulation(GameWorld world, GameSettings settings);
}
