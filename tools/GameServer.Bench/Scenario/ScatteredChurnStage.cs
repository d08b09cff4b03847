using GameServer.Server.Ticking;
using GameServer.World;

namespace GameServer.Bench.Scenario;

/// <summary>
/// The scattered churn of <c>--churn scattered</c>: a fixed random 5% of the entities, spread over all rows, move
/// every tick, so nearly every chunk is dirty at every save (the demo moves 15% in contiguous rows).
/// </summary>
/// <remarks>Replaces the demo's simulation stage. Rows are drawn once; a tick writes them through <c>Set</c> and allocates nothing.</remarks>
public sealed class ScatteredChurnStage : ITickStage
{
    private readonly int[] _rows;
    private float _step;

    /// <summary>Draws 5% of <paramref name="world"/>'s rows with <paramref name="seed"/>.</summary>
    public ScatteredChurnStage(GameWorld world, int seed)
    {
        ArgumentNullException.ThrowIfNull(world);
        var random = new Random(seed);
        _rows = new int[Math.Max(1, world.Count / 20)];
        for (var i = 0; i < _rows.Length; i++) _rows[i] = random.Next(world.Count);
    }

    public string Name => TickStageNames.Simulation;

    public void Run(GameWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _step += 0.01f;
        var x = world.GetColumn<float>("x");
        var y = world.GetColumn<float>("y");
        foreach (var row in _rows)
        {
            if (row >= world.Count) continue;
            x.Set(row, x[row] + _step);
            y.Set(row, y[row] - _step);
        }
    }
}
