using GameServer.Demo;
using GameServer.Server.Ticking;
using GameServer.World;

namespace GameServer.Bench.Scenario;

/// <summary>
/// Runs the real <see cref="TickLoop"/> over the demo simulation for a fixed number of ticks, with a
/// phase-specific between-ticks step (nothing, our autosave, or the naive save), recording every tick's
/// duration and the ticks where a save began.
/// </summary>
public sealed class PhaseRunner : ITickHandler
{
    private readonly GameWorld _world;
    private readonly DemoSimulation _simulation;
    private readonly Func<bool> _betweenTicks;
    private readonly double[] _durations;
    private readonly bool[] _saveStarted;
    private int _ticks;
    private bool _savedThisTick;

    // betweenTicks runs after each simulation step and returns true when it began a save.
    public PhaseRunner(GameWorld world, DemoSimulation simulation, Func<bool> betweenTicks, int ticks)
    {
        _world = world;
        _simulation = simulation;
        _betweenTicks = betweenTicks;
        _durations = new double[ticks];
        _saveStarted = new bool[ticks];
    }

    public ReadOnlySpan<double> Durations => _durations.AsSpan(0, _ticks);

    public ReadOnlySpan<bool> SaveStarted => _saveStarted.AsSpan(0, _ticks);

    /// <summary>
    /// Ticks at the loop's rate until the planned number has run. Returns bytes allocated on the tick
    /// thread per tick in steady state, i.e. after the first second (one-time lazy initialisations).
    /// </summary>
    public double Run(int tickRate)
    {
        using var loop = new TickLoop(tickRate, maxCatchUp: 5, this);
        var warmTicks = Math.Min(tickRate, _durations.Length / 2);
        long allocatedAtWarm = 0;
        loop.TickCompleted = ms =>
        {
            _durations[_ticks] = ms;
            _saveStarted[_ticks] = _savedThisTick;
            if (++_ticks == warmTicks) allocatedAtWarm = GC.GetAllocatedBytesForCurrentThread();
            if (_ticks == _durations.Length) loop.RequestStop();
        };
        loop.Run();
        var steadyTicks = _ticks - warmTicks;
        return steadyTicks <= 0 ? 0 : (GC.GetAllocatedBytesForCurrentThread() - allocatedAtWarm) / (double)steadyTicks;
    }

    void ITickHandler.RunTick()
    {
        _world.AdvanceTick();
        _simulation.Step();
        _savedThisTick = _betweenTicks();
    }
}
