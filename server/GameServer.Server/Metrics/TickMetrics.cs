using System.Diagnostics.Metrics;
using GameServer.Server.Ticking;

namespace GameServer.Server.Metrics;

/// <summary>
/// Tick instruments: <c>gameserver.tick.duration</c> and <c>gameserver.tick.stage.duration</c> (histograms, ms),
/// <c>gameserver.ticks</c>, <c>gameserver.tick.overruns</c> and <c>gameserver.tick.dropped</c> (counters),
/// <c>gameserver.tick.budget</c> (ms) and <c>gameserver.world.entities</c> (gauges).
/// </summary>
/// <remarks>
/// <see cref="OnTickCompleted"/> runs on the tick thread after every tick: a few histogram records with no tag or
/// a cached one, and an int store; nothing is allocated. Counters and gauges are observed at collection time on
/// the collecting thread from values the loop keeps anyway.
/// </remarks>
public sealed class TickMetrics
{
    private readonly TickPipeline _pipeline;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _stageDuration;
    private readonly KeyValuePair<string, object?>[] _stageTags;
    private int _entities;

    internal TickMetrics(Meter meter, TickLoop loop, TickPipeline pipeline)
    {
        _pipeline = pipeline;
        _duration = meter.CreateHistogram("gameserver.tick.duration", "ms", "Duration of one tick: input, simulation and autosave capture",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Tick });
        _stageDuration = meter.CreateHistogram("gameserver.tick.stage.duration", "ms", "Duration of one stage of a tick (tag stage)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Tick });
        _stageTags = [.. pipeline.StageNames.Select(name => new KeyValuePair<string, object?>("stage", name))];
        meter.CreateObservableCounter("gameserver.ticks", () => loop.Histogram.Recorded, "{tick}", "Ticks run since start");
        meter.CreateObservableCounter("gameserver.tick.overruns", () => loop.Overruns, "{tick}", "Ticks that took longer than their step");
        meter.CreateObservableCounter("gameserver.tick.dropped", () => loop.Clock.DroppedSteps, "{tick}", "Ticks of backlog dropped after a stall (catch-up cap)");
        meter.CreateObservableGauge("gameserver.tick.budget", () => loop.StepMilliseconds, "ms", "Budget of one tick (1000 / tick rate)");
        meter.CreateObservableGauge("gameserver.world.entities", () => Volatile.Read(ref _entities), "{entity}", "Entities in the world after the last tick");
    }

    /// <summary>Records one tick (its duration, each stage's, the world's size). Tick thread; allocation-free.</summary>
    public void OnTickCompleted(double milliseconds)
    {
        _duration.Record(milliseconds);
        for (var i = 0; i < _stageTags.Length; i++) _stageDuration.Record(_pipeline.LastDuration(i).TotalMilliseconds, _stageTags[i]);
        Volatile.Write(ref _entities, _pipeline.World.Count);
    }
}
