using GameServer.Demo;
using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World;

namespace GameServer.Bench.Scenario;

/// <summary>The <c>--churn</c> kinds as every saving scenario builds them, so they churn the world alike.</summary>
public static class ChurnKinds
{
    /// <summary>The simulation stage of <paramref name="churn"/>: the demo's own, or <see cref="ScatteredChurnStage"/>.</summary>
    public static ITickStage Simulation(DemoGame game, GameWorld world, GameSettings settings, string churn)
    {
        ArgumentNullException.ThrowIfNull(game);
        return churn == "scattered" ? new ScatteredChurnStage(world, seed: 7) : game.CreateSimulation(world, settings);
    }

    /// <summary>Ticks of churn between two saves <paramref name="interval"/> apart, at the scenarios' tick rate (at least 1).</summary>
    public static int TicksPerSave(TimeSpan interval) => Math.Max(1, (int)Math.Round(interval.TotalSeconds * AutosaveScenario.TickRate));
}
