namespace GameServer.Persistence.Autosave;

/// <summary>What the autosave has done since start: saves completed and failed, consecutive failures, skipped and coalesced captures, the last result and the last success.</summary>
/// <remarks>
/// The autosave thread records results under a lock, so a status read sees them consistent; the tick thread
/// bumps skipped/coalesced with an interlocked increment (no lock, no allocation).
/// </remarks>
internal sealed class AutosaveCounters
{
    private readonly object _gate = new();
    private long _skipped;
    private long _coalesced;
    private SaveResult? _lastResult;
    private SaveResult? _lastSuccess;
    private int _consecutiveFailures;
    private long _completed;
    private long _failed;
    private long _spaceRetries;
    private long _deletedForSpace;
    private string? _lastSpaceShortage;

    /// <summary>A capture was deferred: no pooled snapshot was free.</summary>
    public void CountSkipped() => Interlocked.Increment(ref _skipped);

    /// <summary>A request merged into a pending one, or a scheduled save fell due while one was in flight.</summary>
    public void CountCoalesced() => Interlocked.Increment(ref _coalesced);

    /// <summary>Records one save attempt's outcome.</summary>
    public void Record(SaveResult result)
    {
        lock (_gate)
        {
            _lastResult = result;
            if (result.SpaceShortage is { } shortage)
            {
                _spaceRetries++;
                _deletedForSpace += result.SavesDeletedForSpace;
                _lastSpaceShortage = $"tick {result.Tick}: {shortage}; deleted {result.SavesDeletedForSpace}, retry {(result.Succeeded ? "succeeded" : "failed")}";
            }

            if (result.Succeeded)
            {
                _lastSuccess = result;
                _consecutiveFailures = 0;
                _completed++;
            }
            else
            {
                _consecutiveFailures++;
                _failed++;
            }
        }
    }

    /// <summary>A status holding these counters (the caller adds schedule and phase); <paramref name="currentTick"/> gives ticks since the last success.</summary>
    public AutosaveStatus Describe(long currentTick)
    {
        lock (_gate)
        {
            return new AutosaveStatus
            {
                TicksSinceLastSuccess = _lastSuccess is null ? null : Math.Max(0, currentTick - _lastSuccess.Tick), // a rollback can move the tick back
                LastResult = _lastResult,
                LastSuccess = _lastSuccess,
                ConsecutiveFailures = _consecutiveFailures,
                Skipped = Interlocked.Read(ref _skipped),
                Coalesced = Interlocked.Read(ref _coalesced),
                SavesCompleted = _completed,
                SavesFailed = _failed,
                SpaceRetries = _spaceRetries,
                SavesDeletedForSpace = _deletedForSpace,
                LastSpaceShortage = _lastSpaceShortage,
            };
        }
    }
}
