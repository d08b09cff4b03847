using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Columns;
using GameServer.World.Schema;

namespace GameServer.Tests.Server.Commands;

/// <summary>
/// A game whose world changes every tick: each tick writes its tick number into every row of <c>clock</c>, so a
/// save holding the world of tick T has <c>clock</c> = T everywhere. Its simulation notices a restore (the tick
/// does not follow the last one it ran) and remembers the last tick it ran before it.
/// </summary>
internal sealed class TickClockGame : IGame
{
    public const string ClockColumn = "clock";
    public const int Entities = 3000;

    private long _lastTickBeforeRestore = -1;

    public string Name => "tick-clock";

    /// <summary>The last tick the simulation ran before the world's tick went back (a restore); -1 before any.</summary>
    public long LastTickBeforeRestore => Interlocked.Read(ref _lastTickBeforeRestore);

    public WorldSchema CreateSchema() => new WorldSchemaBuilder().Add<long>(ClockColumn).Build();

    public GameWorld Generate(GameSettings settings)
    {
        var world = new GameWorld(CreateSchema(), initialCapacity: Entities);
        for (var i = 0; i < Entities; i++) world.Spawn();
        return world;
    }

    public ITickStage CreateSimulation(GameWorld world, GameSettings settings) => new ClockStage(this, world);

    private sealed class ClockStage(TickClockGame game, GameWorld world) : ITickStage
    {
        private readonly Column<long> _clock = world.GetColumn<long>(ClockColumn);
        private long _lastTick = -1;

        public string Name => TickStageNames.Simulation;

        public void Run(GameWorld world)
        {
            if (_lastTick >= 0 && world.Tick != _lastTick + 1) Interlocked.Exchange(ref game._lastTickBeforeRestore, _lastTick);
            _lastTick = world.Tick;
            _clock.Write().Fill(world.Tick);
        }
    }
}
