using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Schema;

namespace GameServer.Demo;

/// <summary>The demo game: props and wandering NPCs (<see cref="DemoWorld"/>) driven by <see cref="DemoSimulation"/>.</summary>
public sealed class DemoGame : IGame
{
    /// <inheritdoc />
    public string Name => "demo";

    /// <inheritdoc />
    public WorldSchema CreateSchema() => DemoWorld.Schema();

    /// <inheritdoc />
    public GameWorld Generate(GameSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return DemoWorld.Generate(settings.Entities, settings.Seed);
    }

    /// <inheritdoc />
    public ITickStage CreateSimulation(GameWorld world, GameSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new DemoSimulation(world, settings.TickRate, settings.Seed);
    }
}
