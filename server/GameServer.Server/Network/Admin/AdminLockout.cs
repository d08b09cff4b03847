using System.Net;

namespace GameServer.Server.Network.Admin;

/// <summary>
/// Failed admin proofs per address: after <see cref="MaxFailures"/> failures the address is locked out for
/// <see cref="Duration"/>, and every attempt in that time is refused, even one with the right key.
/// </summary>
/// <remarks>
/// Network thread only (not thread-safe). Memory is bounded: at most <see cref="MaxTracked"/> addresses are
/// remembered; expired entries are dropped first, then the oldest. Time comes from a <see cref="TimeProvider"/>
/// so tests can move a fake clock past the lockout.
/// </remarks>
internal sealed class AdminLockout(TimeProvider time)
{
    public const int MaxFailures = 3;
    public const int MaxTracked = 4096;
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private readonly Dictionary<IPAddress, Entry> _entries = [];

    /// <summary>Addresses currently remembered (for tests of the bound).</summary>
    public int Tracked => _entries.Count;

    /// <summary>Whether <paramref name="address"/> is locked out now, and for how much longer.</summary>
    public bool IsLockedOut(IPAddress address, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        if (!_entries.TryGetValue(address, out var entry) || entry.LockedUntil is not { } until) return false;
        var now = time.GetUtcNow();
        if (now >= until)
        {
            // The lockout is over: the address starts again with a clean count.
            _entries.Remove(address);
            return false;
        }

        remaining = until - now;
        return true;
    }

    /// <summary>Counts a failed proof; true when this failure locks the address out.</summary>
    public bool RecordFailure(IPAddress address)
    {
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(address, out var entry))
        {
            if (_entries.Count >= MaxTracked) Evict(now);
            entry = new Entry { FirstFailure = now };
            _entries[address] = entry;
        }

        entry.Failures++;
        if (entry.Failures < MaxFailures || entry.LockedUntil is not null) return false;
        entry.LockedUntil = now + Duration;
        return true;
    }

    /// <summary>A proof succeeded: the address's failures are forgotten.</summary>
    public void RecordSuccess(IPAddress address) => _entries.Remove(address);

    private void Evict(DateTimeOffset now)
    {
        foreach (var (address, entry) in _entries)
        {
            if (entry.LockedUntil is { } until && until <= now) _entries.Remove(address);
        }

        if (_entries.Count < MaxTracked) return;

        // Still full: forget the oldest unlocked address (a locked one keeps its lockout).
        IPAddress? oldest = null;
        var oldestTime = DateTimeOffset.MaxValue;
        foreach (var (address, entry) in _entries)
        {
            if (entry.LockedUntil is null && entry.FirstFailure < oldestTime)
            {
                oldest = address;
                oldestTime = entry.FirstFailure;
            }
        }

        if (oldest is not null) _entries.Remove(oldest);
    }

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset FirstFailure;
        public DateTimeOffset? LockedUntil;
    }
}
