using System.Diagnostics;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Writing;
using Microsoft.Extensions.Logging;

namespace GameServer.Persistence.Autosave;

/// <summary>Turns one captured snapshot into a committed save: Copy -> Encode -> Commit, timing each, producing the <see cref="SaveResult"/>.</summary>
/// <remarks>
/// Runs on the autosave thread. Never throws for a failed save: the error becomes a failed result and one log
/// line. The snapshot goes back to the pool before <see cref="Run"/> returns, success or not.
/// </remarks>
internal sealed partial class SavePipeline : IDisposable
{
    private readonly AutosaveOptions _options;
    private readonly SnapshotEncoder _encoder;
    private readonly SaveWriter _writer;
    private readonly ISaveStore _store;
    private readonly ILogger _logger;

    /// <summary>Encodes with <paramref name="options"/>' codec and commits into <paramref name="store"/>.</summary>
    public SavePipeline(AutosaveOptions options, ISaveStore store, ILogger logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _encoder = new SnapshotEncoder(options.Codec);
        _writer = new SaveWriter(store, options.FreeSpaceMarginBytes);
    }

    /// <summary>Saves the snapshot in <paramref name="save"/>, publishing each phase on it.</summary>
    public SaveResult Run(InFlightSave save)
    {
        var snapshot = save.TakeSnapshot();
        var kind = save.Request?.Kind ?? SaveKind.Auto;
        var label = save.Request?.Label ?? "";
        try
        {
            save.Enter(AutosavePhase.Copy);
            var copyStart = Stopwatch.GetTimestamp();
            snapshot.ContinueCapture(long.MaxValue);
            var copyDuration = Stopwatch.GetElapsedTime(copyStart);

            save.Enter(AutosavePhase.Encode);
            var encodeStart = Stopwatch.GetTimestamp();
            var encoded = _encoder.Encode(snapshot, _options.WorldName, kind == SaveKind.Auto ? "auto" : "manual", label, _options.Writer);
            var encodeDuration = Stopwatch.GetElapsedTime(encodeStart);

            save.Enter(AutosavePhase.Commit);
            var name = kind == SaveKind.Auto
                ? SaveNames.Auto(snapshot.CapturedAtUtc, snapshot.Tick)
                : SaveNames.Manual(label, snapshot.CapturedAtUtc, snapshot.Tick);
            var writeStart = Stopwatch.GetTimestamp();
            _writer.WriteAsync(encoded, name).GetAwaiter().GetResult(); // the autosave thread is ours to block
            var location = _store.LocationOf(name);
            var writeDuration = Stopwatch.GetElapsedTime(writeStart);

            var result = new SaveResult
            {
                Succeeded = true,
                Kind = kind,
                Name = name,
                Location = location,
                SaveId = encoded.Header.SaveId,
                Tick = snapshot.Tick,
                Entities = snapshot.Count,
                CapturedAtUtc = snapshot.CapturedAtUtc,
                CaptureDuration = save.CaptureDuration,
                CopyDuration = copyDuration,
                CaptureCopiedBytes = snapshot.LastCopiedBytes,
                BarrierWaitMax = snapshot.MaxBarrierWait,
                EncodeDuration = encodeDuration,
                WriteDuration = writeDuration,
                RawBytes = encoded.RawBytes,
                StoredBytes = encoded.FileLength,
            };
            LogSaved(location, result.Tick, result.Entities, result.CaptureDuration.TotalMilliseconds, copyDuration.TotalMilliseconds, result.CaptureCopiedBytes, encodeDuration.TotalMilliseconds,
                writeDuration.TotalMilliseconds, result.RawBytes, result.StoredBytes, result.Ratio);
            return result;
        }
        catch (Exception e)
        {
            LogSaveFailed(snapshot.Tick, e.Message);
            return new SaveResult
            {
                Succeeded = false,
                Kind = kind,
                Tick = snapshot.Tick,
                Entities = snapshot.Count,
                CapturedAtUtc = snapshot.CapturedAtUtc,
                CaptureDuration = save.CaptureDuration,
                Error = e.Message,
            };
        }
        finally
        {
            snapshot.Dispose();
        }
    }

    /// <summary>Frees the encoder's buffers and compression contexts.</summary>
    public void Dispose() => _encoder.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "saved {File} tick={Tick} entities={Entities} pause={CaptureMs:0.###}ms copy={CopyMs:0.###}ms copied={Copied} encode={EncodeMs:0.#}ms write={WriteMs:0.#}ms raw={Raw} stored={Stored} ratio={Ratio:0.00}")]
    private partial void LogSaved(string file, long tick, int entities, double captureMs, double copyMs, long copied, double encodeMs, double writeMs, long raw, long stored, double ratio);

    [LoggerMessage(Level = LogLevel.Error, Message = "save of tick {Tick} failed: {Reason}; earlier saves are untouched, the next interval tries again")]
    private partial void LogSaveFailed(long tick, string reason);
}
