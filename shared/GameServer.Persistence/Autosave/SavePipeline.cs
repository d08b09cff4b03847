using System.Diagnostics;
using System.Globalization;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Writing;
using GameServer.World.Schema;
using GameServer.World.Snapshots;
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
    private readonly DeltaBase _base = new();
    private readonly Func<long?, int>? _freeRoom;
    private readonly WorldIdentity _identity;
    private long _nextSequence;
    private SpaceRetry? _spaceRetry;

    /// <summary>Encodes with <paramref name="options"/>' codec and commits into <paramref name="store"/>, numbering saves of <paramref name="identity"/> from <paramref name="nextSequence"/>.</summary>
    /// <param name="options">Codec, deltas, margin, names.</param>
    /// <param name="identity">The world whose saves these are (name and id in every header).</param>
    /// <param name="nextSequence">The first save's sequence; each attempt takes the next.</param>
    /// <param name="store">Where saves go.</param>
    /// <param name="logger">One line per save.</param>
    /// <param name="freeRoom">When a commit fails for lack of space: deletes old autosaves until the given free bytes (null: unknown) are there; returns how many it deleted. The commit is then tried once more.</param>
    public SavePipeline(AutosaveOptions options, WorldIdentity identity, long nextSequence, ISaveStore store, ILogger logger, Func<long?, int>? freeRoom = null)
    {
        _freeRoom = freeRoom;
        _identity = identity;
        _nextSequence = nextSequence;
        _store = store;
        _options = options;
        _logger = logger;
        _encoder = new SnapshotEncoder(options.Codec);
        _writer = new SaveWriter(store, options.FreeSpaceMarginBytes);
    }

    /// <summary>
    /// Tick thread, before a capture, with no save in flight: whether a save of <paramref name="kind"/> of a world with
    /// <paramref name="schema"/> may be a delta, so the capture should record its difference.
    /// </summary>
    public bool MayDelta(SaveKind kind, WorldSchema schema) => kind == SaveKind.Auto && _options.Deltas.MayDelta(_base, schema);

    /// <summary>
    /// Before the first save: <paramref name="buffer"/>, a pooled snapshot that holds the loaded save
    /// <paramref name="fileName"/>, is the base of the next delta (see <see cref="DeltaBase.Adopt"/>).
    /// </summary>
    public void ContinueChain(WorldSnapshot buffer, Guid saveId, string fileName, int chainIndex, long fullBytes, long deltaBytes)
    {
        _base.Adopt(buffer, saveId, fileName, chainIndex, fullBytes, deltaBytes);
        if (fullBytes > 0) _encoder.NoteFullSave(fullBytes, buffer.RawBytes); // the next full save's length estimate
    }

    /// <summary>Saves the snapshot in <paramref name="save"/>, publishing each phase on it.</summary>
    public SaveResult Run(InFlightSave save)
    {
        var snapshot = save.TakeSnapshot();
        var kind = save.Request?.Kind ?? SaveKind.Auto;
        var label = save.Request?.Label ?? "";
        _spaceRetry = null;
        var becameBase = false;
        try
        {
            save.Enter(AutosavePhase.Copy);
            var copyStart = Stopwatch.GetTimestamp();
            snapshot.ContinueCapture(long.MaxValue);
            var copyDuration = Stopwatch.GetElapsedTime(copyStart);

            // Encode and write are one pass: each block goes to the store's put as it is encoded (format 3), so the
            // phase turns to Commit once the last byte is in the put's stream and the store makes it durable.
            save.Enter(AutosavePhase.Encode);
            var putStart = Stopwatch.GetTimestamp();
            // Only autosaves chain: a manual save is always full and never a base (the admin may delete it by hand).
            // Every attempt takes a new number, even one that fails: a put whose outcome is unknown (a lost reply
            // from a remote store) may still have landed, and two saves must never share a place in the history.
            var sequence = _nextSequence++;
            var pending = kind == SaveKind.Auto && _options.Deltas.AllowsDelta(_base, snapshot)
                ? _encoder.PrepareDelta(snapshot, _base, _identity.Name, "auto", label, _options.Writer, sequence, _identity.Id)
                : _encoder.PrepareFull(snapshot, _identity.Name, kind == SaveKind.Auto ? "auto" : "manual", label, _options.Writer, sequence, _identity.Id);
            var name = kind == SaveKind.Auto
                ? SaveNames.Auto(snapshot.CapturedAtUtc, snapshot.Tick)
                : SaveNames.Manual(label, snapshot.CapturedAtUtc, snapshot.Tick);
            EncodedSave encoded;
            try
            {
                encoded = Commit(save, pending, name);
            }
            catch (SaveAlreadyExistsException)
            {
                // Same wall time and tick as an existing save (the clock was set back after a rollback): the sequence makes the name unique.
                name = SaveNames.WithSequence(name, sequence);
                save.Enter(AutosavePhase.Encode);
                encoded = Commit(save, pending, name);
            }

            var location = _store.LocationOf(name);
            // The encoder's own time is the encode; the rest of the put (stream writes, fsync, rename) is the write.
            var encodeDuration = encoded.EncodeDuration;
            var writeDuration = Stopwatch.GetElapsedTime(putStart) - encodeDuration;
            if (kind == SaveKind.Auto)
            {
                _base.Commit(snapshot, encoded, name); // the base advances only once the save is committed
                becameBase = true;
            }

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
                ChainIndex = encoded.Header.ChainIndex,
                BaseName = encoded.Header.IsDelta ? encoded.Header.BaseFileName : null,
                SpaceShortage = _spaceRetry?.Shortage,
                SavesDeletedForSpace = _spaceRetry?.Deleted ?? 0,
            };
            LogSaved(name, result.Tick, Count(result.Entities), ByteSize.Format(result.RawBytes), ByteSize.Format(result.StoredBytes), result.Ratio,
                Milliseconds(result.CaptureDuration), Milliseconds(encodeDuration), Milliseconds(writeDuration));
            return result;
        }
        catch (Exception e)
        {
            // The next autosave is full: what a failed put left in the store is unknown (a remote commit may
            // have landed without its answer), so the next chain starts from nothing it would have to trust.
            if (kind == SaveKind.Auto) _base.Reset();
            LogSaveFailed(snapshot.Tick, e.Message);
            return new SaveResult
            {
                Succeeded = false,
                Kind = kind,
                Tick = snapshot.Tick,
                Entities = snapshot.Count,
                CapturedAtUtc = snapshot.CapturedAtUtc,
                CaptureDuration = save.CaptureDuration,
                Error = _spaceRetry is { } retry ? $"{e.Message} (retried after retention deleted {retry.Deleted} old autosave(s) to make room)" : e.Message,
                SpaceShortage = _spaceRetry?.Shortage,
                SavesDeletedForSpace = _spaceRetry?.Deleted ?? 0,
            };
        }
        finally
        {
            // The capture overwrote the one buffer: unless this save is committed as the new base, the old base's
            // bytes are gone from memory and the next save must be full (a failed save, a manual save).
            if (!becameBase) _base.Reset();
            snapshot.Dispose();
        }
    }

    /// <summary>
    /// Writes the save; when that fails for lack of space (the margin check, ENOSPC, a quota), lets retention
    /// delete old autosaves until there is room, then tries exactly once more. A second failure is the result.
    /// </summary>
    private EncodedSave Commit(InFlightSave save, PendingSave pending, string name)
    {
        void Written() => save.Enter(AutosavePhase.Commit);
        try
        {
            return _writer.WriteAsync(pending, name, Written).GetAwaiter().GetResult(); // the autosave thread is ours to block
        }
        catch (Exception e) when (_freeRoom is not null && OutOfSpace.Matches(e))
        {
            // Failed after the rename (the folder fsync): the save is in place, a retry would only find its name taken.
            if (IsListed(name)) throw;
            var required = e is SpaceShortageException shortage ? shortage.RequiredFreeBytes : RequiredAfterNoSpace(pending);
            save.Enter(AutosavePhase.Retention);
            var deleted = _freeRoom(required);
            _spaceRetry = new SpaceRetry(e.Message, deleted);
            LogSpaceRetry(name, e.Message, deleted);
            save.Enter(AutosavePhase.Encode); // the retry encodes the same blocks again, straight into the new put
            return _writer.WriteAsync(pending, name, Written).GetAwaiter().GetResult();
        }
    }

    private bool IsListed(string name)
    {
        try
        {
            return _store.ListAsync().GetAwaiter().GetResult().Any(e => e.Name == name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // cannot tell: the retry's own error says what is wrong
        }
    }

    /// <summary>
    /// Free bytes to make room for after a real ENOSPC (or quota): the save's estimated length plus the margin, when the free
    /// figure agrees that is short (the space went between the check and the write); null (unknown: retention
    /// deletes the oldest chain) when the figure claims room the volume does not have (reserved blocks, a quota).
    /// </summary>
    private long? RequiredAfterNoSpace(PendingSave pending)
    {
        var required = pending.LengthEstimate + _writer.EffectiveMarginAsync().GetAwaiter().GetResult();
        return _store.GetFreeBytesAsync().GetAwaiter().GetResult() is { } free && free < required ? required : null;
    }

    /// <summary>Frees the encoder's buffers and compression contexts.</summary>
    public void Dispose() => _encoder.Dispose();

    /// <summary>Entities for people: <c>812</c>, <c>200k</c>, <c>12.5k</c>, <c>4.0M</c>.</summary>
    private static string Count(int entities) => entities switch
    {
        < 10_000 => entities.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (entities / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => (entities / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M",
    };

    /// <summary>Milliseconds with the digits that matter: <c>0.05</c>, <c>1.4</c>, <c>53</c>.</summary>
    private static string Milliseconds(TimeSpan duration)
    {
        var ms = duration.TotalMilliseconds;
        return ms.ToString(ms >= 10 ? "0" : ms >= 1 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
    }

    // One short line per save; the full figures (copy time, bytes copied, exact sizes) are in status and metrics.
    [LoggerMessage(Level = LogLevel.Information, Message = "saved {File} tick {Tick}, {Entities} entities, {Raw} -> {Stored} ({Ratio:0.0}x), pause {PauseMs} ms, encode {EncodeMs} ms, write {WriteMs} ms")]
    private partial void LogSaved(string file, long tick, string entities, string raw, string stored, double ratio, string pauseMs, string encodeMs, string writeMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "save {File} failed for lack of space ({Reason}); retention deleted {Deleted} old autosave(s) to make room, trying once more")]
    private partial void LogSpaceRetry(string file, string reason, int deleted);

    /// <summary>What the space retry of the save under way did: the shortage that set it off and how many saves it deleted.</summary>
    private sealed record SpaceRetry(string Shortage, int Deleted);

    [LoggerMessage(Level = LogLevel.Error, Message = "save of tick {Tick} failed: {Reason}; earlier saves are untouched, the next interval tries again")]
    private partial void LogSaveFailed(long tick, string reason);
}
