using System.Diagnostics;

namespace GameServer.Server.Ticking;

/// <summary>
/// The fixed-rate loop: runs <see cref="ITickHandler.RunTick"/> for every step that is due (at most
/// <c>maxCatchUp</c> back to back), records each tick's duration, and sleeps until the next step.
/// </summary>
/// <remarks>
/// A tick's duration covers everything the game waits for: simulation, input and the autosave capture.
/// Runs on the calling thread (the tick thread); allocates nothing per tick.
/// </remarks>
public sealed class TickLoop : ITickStatistics, IDisposable
{
    private readonly ITickHandler _handler;
    private readonly TimeProvider _time;
    private readonly ManualResetEventSlim _wake = new(false);
    private volatile bool _stopRequested;
    private long _overruns;

    /// <summary>A loop at <paramref name="tickRate"/> Hz.</summary>
    public TickLoop(int tickRate, int maxCatchUp, ITickHandler handler, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickRate);
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _time = time ?? TimeProvider.System;
        TickRate = tickRate;
        Clock = new FixedStepClock(Math.Max(1, _time.TimestampFrequency / tickRate), maxCatchUp);
        Histogram = new TickHistogram(Math.Max(1, tickRate * 60));
    }

    /// <summary>Ticks per second.</summary>
    public int TickRate { get; }

    /// <summary>The step accounting (dropped backlog included).</summary>
    public FixedStepClock Clock { get; }

    /// <summary>Tick durations over the last minute.</summary>
    public TickHistogram Histogram { get; }

    /// <summary>Ticks that took longer than one step.</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Budget of one tick in milliseconds.</summary>
    public double StepMilliseconds => 1000.0 / TickRate;

    /// <summary>Whether <see cref="RequestStop"/> was called.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>Called after each tick with its duration in milliseconds (tick thread; keep it cheap). Handlers combine with <c>+=</c>.</summary>
    public Action<double>? TickCompleted { get; set; }

    /// <summary>Runs ticks until <see cref="RequestStop"/>; returns on the calling thread.</summary>
    public void Run()
    {
        Clock.Advance(_time.GetTimestamp());
        while (!_stopRequested)
        {
            var due = Clock.Advance(_time.GetTimestamp());
            for (var i = 0; i < due && !_stopRequested; i++) RunOneTick();

            var wait = TimeSpan.FromSeconds(Clock.UntilNextStep() / (double)_time.TimestampFrequency);
            if (wait > TimeSpan.FromMilliseconds(1)) _wake.Wait(wait - TimeSpan.FromMilliseconds(0.5));
            else Thread.Yield();
        }
    }

    /// <summary>Runs one tick now and accounts for it: duration, overrun, <see cref="TickCompleted"/>. Tick thread.</summary>
    internal void RunOneTick()
    {
        var started = Stopwatch.GetTimestamp();
        _handler.RunTick();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Histogram.Record(ms);
        if (ms > StepMilliseconds) Interlocked.Increment(ref _overruns);
        TickCompleted?.Invoke(ms);
    }

    /// <summary>Makes <see cref="Run"/> return after the current tick. Any thread.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _wake.Set();
    }

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();
}
