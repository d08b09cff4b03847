using GameServer.Server.Ticking;

namespace GameServer.Bench.Scenario;

/// <summary>
/// Runs the real <see cref="TickLoop"/> over a server <see cref="TickPipeline"/> (input, demo simulation,
/// and the phase's capture stage: nothing, our autosave, or the naive save) for a fixed number of ticks,
/// recording every tick's duration and the ticks where a save began.
/// </summary>
public sealed class PhaseRunner
{
    private readonly TickPipeline _pipeline;
    private readonly Func<long> _savesStarted;
    private readonly double[] _durations;
    private readonly bool[] _saveStarted;
    private readonly double[] _gcPauseMs;
    private int _ticks;

    // savesStarted reads the capture stage's count of saves begun (tick thread, between ticks).
    public PhaseRunner(TickPipeline pipeline, Func<long> savesStarted, int ticks)
    {
        _pipeline = pipeline;
        _savesStarted = savesStarted;
        _durations = new double[ticks];
        _saveStarted = new bool[ticks];
        _gcPauseMs = new double[ticks];
    }

    public ReadOnlySpan<double> Durations => _durations.AsSpan(0, _ticks);

    public ReadOnlySpan<bool> SaveStarted => _saveStarted.AsSpan(0, _ticks);

    /// <summary>Per tick, the GC pause (ms) since the previous tick ended: a pause that held this tick up, or its wait before it.</summary>
    public ReadOnlySpan<double> GcPauseMs => _gcPauseMs.AsSpan(0, _ticks);

    /// <summary>
    /// Ticks at the loop's rate until the planned number has run. Returns bytes allocated on the tick
    /// thread per tick in steady state, i.e. after the first second (one-time lazy initialisations).
    /// </summary>
    public double Run(int tickRate)
    {
        using var loop = new TickLoop(tickRate, maxCatchUp: 5, _pipeline);
        var warmTicks = Math.Min(tickRate, _durations.Length / 2);
        long allocatedAtWarm = 0;
        var saves = _savesStarted();
        var pause = GC.GetTotalPauseDuration();
        loop.TickCompleted = ms =>
        {
            var now = _savesStarted();
            var pauseNow = GC.GetTotalPauseDuration();
            _gcPauseMs[_ticks] = (pauseNow - pause).TotalMilliseconds;
            pause = pauseNow;
            _durations[_ticks] = ms;
            _saveStarted[_ticks] = now != saves;
            saves = now;
            if (++_ticks == warmTicks) allocatedAtWarm = GC.GetAllocatedBytesForCurrentThread();
            if (_ticks == _durations.Length) loop.RequestStop();
        };
        loop.Run();
        var steadyTicks = _ticks - warmTicks;
        return steadyTicks <= 0 ? 0 : (GC.GetAllocatedBytesForCurrentThread() - allocatedAtWarm) / (double)steadyTicks;
    }
}
