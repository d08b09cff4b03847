using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.ObjectPool;

namespace GameServer.World.Snapshots;

/// <summary>
/// A bounded pool of reusable <see cref="WorldSnapshot"/> buffers built on Microsoft.Extensions.ObjectPool.
/// At most <see cref="MaxSnapshots"/> are out at once; when none is free, <see cref="TryCapture(GameWorld, DateTime, out WorldSnapshot)"/> says so
/// and the caller tries on a later tick instead of allocating.
/// </summary>
/// <remarks>
/// Rent and capture on the tick thread; <see cref="WorldSnapshot.Dispose"/> may run on any thread. With
/// leak tracking on (tests), every rent records its call stack and <see cref="AssertNoLeaks"/> names the
/// renters that never returned.
/// </remarks>
public sealed class SnapshotPool
{
    private readonly ObjectPool<WorldSnapshot> _pool;
    private readonly ConcurrentDictionary<WorldSnapshot, string>? _rentSites;
    private int _outstanding;

    /// <summary>Creates a pool that hands out at most <paramref name="maxSnapshots"/> snapshots at once.</summary>
    public SnapshotPool(int maxSnapshots = 2, bool trackLeaks = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSnapshots);
        MaxSnapshots = maxSnapshots;
        _pool = new DefaultObjectPool<WorldSnapshot>(new Policy(this), maxSnapshots);
        if (trackLeaks) _rentSites = new ConcurrentDictionary<WorldSnapshot, string>(ReferenceEqualityComparer.Instance);
    }

    /// <summary>Most snapshots out at once (also the number retained for reuse).</summary>
    public int MaxSnapshots { get; }

    /// <summary>Snapshots rented and not yet returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>
    /// Rents a snapshot and captures <paramref name="world"/> into it, copying only chunks changed since that
    /// buffer was last filled and recording their difference (<see cref="WorldSnapshot.HasDifference"/>).
    /// False (and nothing captured) when every snapshot is out.
    /// </summary>
    public bool TryCapture(GameWorld world, DateTime utcNow, out WorldSnapshot snapshot) =>
        TryCapture(world, utcNow, recordDifference: true, out snapshot);

    /// <summary>
    /// Like <see cref="TryCapture(GameWorld, DateTime, out WorldSnapshot)"/>; <paramref name="recordDifference"/>
    /// false skips the difference (a capture that will be saved in full needs none, nor its side buffer).
    /// </summary>
    public bool TryCapture(GameWorld world, DateTime utcNow, bool recordDifference, out WorldSnapshot snapshot)
    {
        if (!TryRent(world, utcNow, deferred: false, recordDifference, out snapshot)) return false;
        snapshot.ContinueCapture(long.MaxValue);
        return true;
    }

    /// <summary>
    /// Rents a snapshot and fixes the capture point without copying yet: copy with
    /// <see cref="WorldSnapshot.ContinueCapture"/> over the next ticks, while chunks the game writes first
    /// are copied just before their write. The finished snapshot equals the world at this call.
    /// False when every snapshot is out. One deferred capture per world at a time. Records the difference
    /// (<see cref="WorldSnapshot.HasDifference"/>).
    /// </summary>
    public bool TryBeginCapture(GameWorld world, DateTime utcNow, out WorldSnapshot snapshot) =>
        TryBeginCapture(world, utcNow, recordDifference: true, out snapshot);

    /// <summary>
    /// Like <see cref="TryBeginCapture(GameWorld, DateTime, out WorldSnapshot)"/>; <paramref name="recordDifference"/>
    /// false skips the difference (a capture that will be saved in full needs none, nor its side buffer).
    /// </summary>
    public bool TryBeginCapture(GameWorld world, DateTime utcNow, bool recordDifference, out WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (world.HasDeferredCaptureInProgress)
            throw new InvalidOperationException("A deferred capture is already in progress on this world; finish it first.");
        return TryRent(world, utcNow, deferred: true, recordDifference, out snapshot);
    }

    /// <summary>
    /// Restores <paramref name="world"/> from the detached <paramref name="snapshot"/> (a decoded save) and, when
    /// the snapshot has exactly the world's columns and no snapshot of this pool is out, keeps it as this pool's
    /// idle buffer (<paramref name="kept"/>): it already holds the world's state, so no second copy is made and
    /// the next capture copies only chunks changed after the restore. A kept snapshot belongs to the pool: do
    /// not dispose it. Tick thread (or before the world ticks).
    /// </summary>
    /// <exception cref="SchemaMismatchException">A column exists in both with a different element type.</exception>
    /// <exception cref="InvalidDataException">The snapshot's ids or offsets are inconsistent.</exception>
    public RestoreReport Restore(GameWorld world, WorldSnapshot snapshot, out bool kept)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(snapshot);
        var report = world.Restore(snapshot);
        kept = Outstanding == 0 && report.DefaultedColumns.Count == 0 && report.IgnoredColumns.Count == 0 && snapshot.TryAdopt(this, world);
        if (kept)
        {
            // The kept snapshot takes an idle buffer's place, so the pool still holds at most MaxSnapshots.
            _ = _pool.Get();
            _pool.Return(snapshot);
        }

        return report;
    }

    private bool TryRent(GameWorld world, DateTime utcNow, bool deferred, bool recordDifference, out WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (Interlocked.Increment(ref _outstanding) > MaxSnapshots)
        {
            Interlocked.Decrement(ref _outstanding);
            snapshot = null!;
            return false;
        }

        snapshot = _pool.Get();
        snapshot.MarkRented();
        _rentSites?.TryAdd(snapshot, new StackTrace(1, fNeedFileInfo: true).ToString());
        snapshot.BeginCapture(world, utcNow, deferred, recordDifference);
        return true;
    }

    /// <summary>Like <see cref="TryCapture(GameWorld, DateTime, out WorldSnapshot)"/> with the current UTC time; throws when every snapshot is out.</summary>
    public WorldSnapshot Capture(GameWorld world) =>
        TryCapture(world, DateTime.UtcNow, out var snapshot)
            ? snapshot
            : throw new InvalidOperationException($"All {MaxSnapshots} pooled snapshots are in use.");

    /// <summary>Throws <see cref="SnapshotLeakException"/> naming every rent that was never returned (leak tracking only).</summary>
    public void AssertNoLeaks()
    {
        if (_rentSites is null) throw new InvalidOperationException("Leak tracking is off for this pool.");
        if (_rentSites.IsEmpty) return;
        throw new SnapshotLeakException(_rentSites.Values.ToArray());
    }

    internal void Return(WorldSnapshot snapshot)
    {
        _rentSites?.TryRemove(snapshot, out _);
        _pool.Return(snapshot);
        Interlocked.Decrement(ref _outstanding);
    }

    private sealed class Policy(SnapshotPool owner) : IPooledObjectPolicy<WorldSnapshot>
    {
        public WorldSnapshot Create() => new(owner);

        public bool Return(WorldSnapshot obj) => true;
    }
}
