using System.Diagnostics.Metrics;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;

namespace GameServer.Server.Metrics;

/// <summary>
/// Autosave instruments: <c>gameserver.saves.completed</c> and <c>gameserver.saves.failed</c> (counters, tag
/// <c>kind</c> = auto | manual), <c>gameserver.save.duration</c> (histogram, ms, tag <c>phase</c> = pause | copy |
/// encode | write), <c>gameserver.save.written</c> (counter, bytes), <c>gameserver.save.last.size</c> (gauge,
/// bytes, tag <c>form</c> = raw | stored), <c>gameserver.save.last_success.time</c> (gauge, Unix seconds),
/// <c>gameserver.autosave.phase</c>, <c>.in_flight</c>, <c>.enabled</c>, <c>.consecutive_failures</c> (gauges),
/// <c>gameserver.autosave.skipped</c> and <c>.coalesced</c> (counters).
/// </summary>
/// <remarks>
/// The autosave module (shared/) takes no metrics dependency: it already publishes every result
/// (<see cref="AutosaveService.SaveCompleted"/>, on the autosave thread) and its status
/// (<see cref="AutosaveService.GetStatus"/>), so the server turns those into instruments and the module's
/// embedders pick their own names. Counts match <c>status</c>: only attempts that reached the autosave
/// thread count (a rejected label never does). Durations are recorded for committed saves only.
/// </remarks>
public sealed class AutosaveMetrics : IDisposable
{
    private static readonly AutosavePhase[] Phases = Enum.GetValues<AutosavePhase>();
    private static readonly KeyValuePair<string, object?> Auto = new("kind", "auto");
    private static readonly KeyValuePair<string, object?> Manual = new("kind", "manual");
    private static readonly KeyValuePair<string, object?> PausePhase = new("phase", "pause");
    private static readonly KeyValuePair<string, object?> CopyPhase = new("phase", "copy");
    private static readonly KeyValuePair<string, object?> EncodePhase = new("phase", "encode");
    private static readonly KeyValuePair<string, object?> WritePhase = new("phase", "write");

    private readonly AutosaveService _autosave;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _written;

    internal AutosaveMetrics(Meter meter, AutosaveService autosave)
    {
        _autosave = autosave;
        _completed = meter.CreateCounter<long>("gameserver.saves.completed", "{save}", "Saves committed since start (tag kind)");
        _failed = meter.CreateCounter<long>("gameserver.saves.failed", "{save}", "Save attempts that failed since start (tag kind)");
        _duration = meter.CreateHistogram("gameserver.save.duration", "ms",
            "Time of each part of a committed save (tag phase): pause = the tick thread fixing the capture point; copy, encode, write = the autosave thread",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.SavePhase });
        _written = meter.CreateCounter<long>("gameserver.save.written", "By", "Bytes of save files committed since start");
        meter.CreateObservableGauge("gameserver.save.last.size", ObserveLastSize, "By", "Size of the last committed save (tag form): raw snapshot bytes and stored file bytes");
        meter.CreateObservableGauge("gameserver.save.last_success.time", ObserveLastSuccessTime, "s", "When the last committed save was captured (Unix time)");
        meter.CreateObservableGauge("gameserver.autosave.phase", ObservePhase, description: "1 for the phase the autosave is in (tag phase), 0 for the others");
        meter.CreateObservableGauge("gameserver.autosave.in_flight", () => _autosave.InFlight ? 1 : 0, description: "1 while a save is under way");
        meter.CreateObservableGauge("gameserver.autosave.enabled", () => _autosave.Enabled ? 1 : 0, description: "1 while scheduled autosaves run (save-on), 0 when suspended (save-off)");
        meter.CreateObservableGauge("gameserver.autosave.consecutive_failures", () => Status().ConsecutiveFailures, "{save}", "Failed saves since the last success");
        meter.CreateObservableCounter("gameserver.autosave.skipped", () => Status().Skipped, "{capture}", "Captures deferred because no pooled snapshot was free");
        meter.CreateObservableCounter("gameserver.autosave.coalesced", () => Status().Coalesced, "{save}", "Save requests merged into a pending one, or scheduled saves due while one was writing");

        // Both kinds exist from the start, so a dashboard's failure panel shows 0 rather than no data.
        _completed.Add(0, Auto);
        _completed.Add(0, Manual);
        _failed.Add(0, Auto);
        _failed.Add(0, Manual);
        autosave.SaveCompleted += OnSaveCompleted;
    }

    /// <inheritdoc />
    public void Dispose() => _autosave.SaveCompleted -= OnSaveCompleted;

    private void OnSaveCompleted(SaveResult result)
    {
        var kind = result.Kind == SaveKind.Auto ? Auto : Manual;
        if (!result.Succeeded)
        {
            _failed.Add(1, kind);
            return;
        }

        _completed.Add(1, kind);
        _written.Add(result.StoredBytes);
        _duration.Record(result.CaptureDuration.TotalMilliseconds, PausePhase);
        _duration.Record(result.CopyDuration.TotalMilliseconds, CopyPhase);
        _duration.Record(result.EncodeDuration.TotalMilliseconds, EncodePhase);
        _duration.Record(result.WriteDuration.TotalMilliseconds, WritePhase);
    }

    private AutosaveStatus Status() => _autosave.GetStatus(currentTick: 0);

    private IEnumerable<Measurement<long>> ObserveLastSize()
    {
        if (Status().LastSuccess is not { } last) return [];
        return [new(last.RawBytes, new KeyValuePair<string, object?>("form", "raw")), new(last.StoredBytes, new KeyValuePair<string, object?>("form", "stored"))];
    }

    private IEnumerable<Measurement<double>> ObserveLastSuccessTime()
    {
        if (Status().LastSuccess is not { } last) return [];
        return [new(new DateTimeOffset(DateTime.SpecifyKind(last.CapturedAtUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0)];
    }

    private IEnumerable<Measurement<int>> ObservePhase()
    {
        var current = Status().Phase;
        var measurements = new Measurement<int>[Phases.Length];
        for (var i = 0; i < Phases.Length; i++)
            measurements[i] = new(Phases[i] == current ? 1 : 0, new KeyValuePair<string, object?>("phase", Phases[i].ToString().ToLowerInvariant()));
        return measurements;
    }
}
