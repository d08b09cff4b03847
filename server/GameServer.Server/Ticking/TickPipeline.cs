using System.Diagnostics;
using GameServer.World;

namespace GameServer.Server.Ticking;

/// <summary>
/// One tick as ordered, named stages: advances the world's tick, then runs each stage in turn and keeps
/// how long each took. <see cref="Standard"/> is the server's order; the bench builds its pipeline there too.
/// </summary>
/// <remarks>Tick thread only. Allocates nothing per tick: two timestamps per stage into a preallocated array.</remarks>
public sealed class TickPipeline : ITickHandler
{
    private readonly GameWorld _world;
    private readonly ITickStage[] _stages;
    private readonly long[] _lastElapsed;

    /// <summary>A pipeline running <paramref name="stages"/> in the given order over <paramref name="world"/>.</summary>
    /// <exception cref="ArgumentException">No stages, or two stages share a name.</exception>
    public TickPipeline(GameWorld world, IEnumerable<ITickStage> stages)
    {
        _world = world ?? throw new ArgumentNullException(nameof(world));
        ArgumentNullException.ThrowIfNull(stages);
        _stages = [.. stages];
        if (_stages.Length == 0) throw new ArgumentException("a tick needs at least one stage", nameof(stages));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in _stages)
        {
            ArgumentNullException.ThrowIfNull(stage, nameof(stages));
            if (!names.Add(stage.Name)) throw new ArgumentException($"two tick stages are named '{stage.Name}'", nameof(stages));
        }

        _lastElapsed = new long[_stages.Length];
        StageNames = Array.ConvertAll(_stages, s => s.Name);
    }

    /// <summary>The stage names in the order they run.</summary>
    public IReadOnlyList<string> StageNames { get; }

    /// <summary>The world the stages run on.</summary>
    public GameWorld World => _world;

    /// <summary>
    /// The server's tick: queued input (commands, rollbacks), the game's simulation, then the autosave
    /// fixing a capture point when a save is due.
    /// </summary>
    public static TickPipeline Standard(GameWorld world, ITickStage input, ITickStage simulation, ITickStage autosaveCapture) =>
        new(world, [input, simulation, autosaveCapture]);

    /// <summary>
    /// The server's tick with players: queued input, players' joins and inputs, the simulation, state
    /// updates to players (so they see this tick's result), then the autosave capture.
    /// </summary>
    public static TickPipeline WithPlayers(GameWorld world, ITickStage input, ITickStage playerInput, ITickStage simulation, ITickStage network, ITickStage autosaveCapture) =>
        new(world, [input, playerInput, simulation, network, autosaveCapture]);

    /// <summary>Runs one tick: advances the world's tick, then every stage in order.</summary>
    public void RunTick()
    {
        _world.AdvanceTick();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < _stages.Length; i++)
        {
            _stages[i].Run(_world);
            var now = Stopwatch.GetTimestamp();
            _lastElapsed[i] = now - started;
            started = now;
        }
    }

    /// <summary>How long stage <paramref name="index"/> (in <see cref="StageNames"/> order) took in the last tick. Tick thread.</summary>
    public TimeSpan LastDuration(int index) => Stopwatch.GetElapsedTime(0, _lastElapsed[index]);
}
