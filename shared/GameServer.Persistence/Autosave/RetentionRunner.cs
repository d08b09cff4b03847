using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using Microsoft.Extensions.Logging;

namespace GameServer.Persistence.Autosave;

/// <summary>Applies the retention policy after an autosave: verifies autosaves and their chains (each file once, cached), plans with <see cref="RetentionPlanner"/>, deletes and logs; also clears temp files an interrupted save left.</summary>
/// <remarks>
/// Runs on the autosave thread (and once at start). An autosave that does not verify is neither counted nor
/// deleted, so a crash loop's damaged files cannot rotate good saves away. I/O failures are logged, never thrown.
/// </remarks>
internal sealed partial class RetentionRunner
{
    private readonly ISaveStore _store;
    private readonly RetentionPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WorldIdentity? _identity;
    private readonly Dictionary<string, VerifiedSave> _verified = new(StringComparer.Ordinal);
    private int _keepLatest;

    /// <summary>Rotates autosaves of world <paramref name="identity"/> (null: any world) in <paramref name="store"/> by <paramref name="policy"/>.</summary>
    public RetentionRunner(ISaveStore store, RetentionPolicy policy, TimeProvider time, ILogger logger, WorldIdentity? identity = null)
    {
        _identity = identity;
        _store = store;
        _policy = policy;
        _time = time;
        _logger = logger;
        _keepLatest = policy.KeepLatest;
    }

    /// <summary>How many newest autosaves are kept; changeable from any thread.</summary>
    public int KeepLatest
    {
        get => Volatile.Read(ref _keepLatest);
        set => Volatile.Write(ref _keepLatest, value);
    }

    /// <summary>Deletes the autosaves the policy no longer keeps.</summary>
    public void Run()
    {
        try
        {
            var policy = _policy with { KeepLatest = KeepLatest };
            foreach (var file in RetentionPlanner.SelectDeletions(ListAutosaves(), policy, _time.GetUtcNow().UtcDateTime)) Delete(file);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the store throws (EIO, EACCES, a bug): retention is retried after the next save, the writer thread lives on.
            LogRetentionFailed(e.Message);
        }
    }

    /// <summary>
    /// A save failed for lack of space: deletes what the policy lets go, then, while fewer than
    /// <paramref name="requiredFreeBytes"/> are free, older autosaves (<see cref="RetentionPlanner.SelectRoomDeletions"/>:
    /// never the newest verified one or a base it needs, never a manual save). With the free space unknown
    /// (null), the oldest chain goes. Returns how many saves it deleted; failures are logged, never thrown.
    /// </summary>
    public int FreeRoom(long? requiredFreeBytes)
    {
        var deleted = 0;
        try
        {
            var policy = _policy with { KeepLatest = KeepLatest };
            foreach (var file in RetentionPlanner.SelectDeletions(ListAutosaves(), policy, _time.GetUtcNow().UtcDateTime))
            {
                Delete(file);
                deleted++;
            }

            if (HasRoom(requiredFreeBytes, deleted)) return deleted;
            var autosaves = ListAutosaves();
            var baseOf = autosaves.ToDictionary(s => s.FileName, s => s.BaseFileName, StringComparer.Ordinal);
            string? chainRoot = null;
            foreach (var file in RetentionPlanner.SelectRoomDeletions(autosaves))
            {
                var root = RootOf(file, baseOf);
                if (requiredFreeBytes is null && chainRoot is not null && root != chainRoot) break; // unknown space: one chain
                chainRoot = root;
                Delete(file);
                deleted++;
                if (requiredFreeBytes is not null && HasRoom(requiredFreeBytes, deleted)) break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRetentionFailed(e.Message);
        }

        return deleted;
    }

    private List<RetentionCandidate> ListAutosaves()
    {
        var autosaves = new List<RetentionCandidate>();
        foreach (var file in _store.ListAsync().GetAwaiter().GetResult().Select(e => e.Name))
        {
            if (!SaveNames.TryParse(file, out var name) || name.Kind != SaveKind.Auto) continue;
            var verified = Verify(file);
            if (verified.Foreign) continue; // another world's save: neither counted nor ever deleted
            // Counted only when this very read verified it: an I/O error is not cached, and a save counted without
            // its header's sequence could be taken for an old one. Times from the name, as the file is named.
            autosaves.Add(new RetentionCandidate(file, name.CapturedAtUtc, verified.Ok && ChainVerifies(file), verified.BaseFileName, verified.Sequence));
        }

        return autosaves;
    }

    private void Delete(string file)
    {
        _store.DeleteAsync(file).GetAwaiter().GetResult();
        _verified.Remove(file);
        LogRotated(file);
    }

    /// <summary>Whether the store has <paramref name="requiredFreeBytes"/> free; with that unknown, whether anything was deleted.</summary>
    private bool HasRoom(long? requiredFreeBytes, int deleted) =>
        requiredFreeBytes is { } required
            ? _store.GetFreeBytesAsync().GetAwaiter().GetResult() is not { } free || free >= required
            : deleted > 0;

    private static string RootOf(string file, Dictionary<string, string?> baseOf)
    {
        for (var hops = 0; hops <= baseOf.Count && baseOf.TryGetValue(file, out var baseName) && baseName is not null; hops++) file = baseName;
        return file;
    }

    /// <summary>Deletes temp files left by an interrupted save (call before the first save).</summary>
    public void RemoveStaleTempFiles()
    {
        try
        {
            foreach (var file in _store.RemoveStaleStagingAsync().GetAwaiter().GetResult()) LogStaleTemp(file);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRetentionFailed(e.Message);
        }
    }

    // A delta counts only when every save of its chain verifies and links (id) to the next.
    private bool ChainVerifies(string file)
    {
        var save = Verify(file);
        for (var hops = 0; save.Ok && save.BaseFileName is not null; hops++)
        {
            if (hops > SaveFormat.MaxChainLength) return false;
            var baseSave = Verify(save.BaseFileName);
            if (baseSave.SaveId != save.BaseSaveId) return false;
            save = baseSave;
        }

        return save.Ok;
    }

    private VerifiedSave Verify(string file)
    {
        if (_verified.TryGetValue(file, out var known)) return known;
        VerifiedSave result;
        try
        {
            using var save = SaveFile.OpenAsync(_store, file).GetAwaiter().GetResult();
            save.VerifyChecksums();
            var header = save.Header;
            if (_identity?.WhyForeign(header) is { } foreign)
            {
                LogForeign(file, foreign);
                result = new VerifiedSave(false, header.SaveId, null, Guid.Empty, header.Sequence, Foreign: true);
            }
            else
            {
                result = new VerifiedSave(true, header.SaveId, header.IsDelta ? header.BaseFileName : null, header.BaseSaveId, header.Sequence);
            }
        }
        catch (SaveFormatException e) when (e.Reason == "file not found")
        {
            return default; // a base that is missing now: not cached, a save of that name written later is verified then
        }
        catch (SaveFormatException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            LogUnverified(file, e.Message);
            return default; // an I/O error says nothing of the file: not cached, verified again next time
        }
        catch (SaveFormatException e)
        {
            result = default;
            LogUnverified(file, e.Message);
        }

        _verified[file] = result;
        return result;
    }

    private readonly record struct VerifiedSave(bool Ok, Guid SaveId, string? BaseFileName, Guid BaseSaveId, long Sequence = 0, bool Foreign = false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "autosave {File} is left alone by retention: {Reason}")]
    private partial void LogForeign(string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "autosave {File} does not verify and is not counted by retention: {Reason}")]
    private partial void LogUnverified(string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "retention removed {File}")]
    private partial void LogRotated(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "retention failed: {Reason}")]
    private partial void LogRetentionFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "removed stale temp file {File} left by an interrupted save")]
    private partial void LogStaleTemp(string file);
}
