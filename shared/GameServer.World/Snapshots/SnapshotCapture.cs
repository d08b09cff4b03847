namespace GameServer.World.Snapshots;

/// <summary>
/// Copies a world into a snapshot as of one moment between ticks. <see cref="Begin"/> fixes the capture
/// point (a few stores per column buffer); <see cref="Continue"/> copies owed chunks within a byte budget;
/// chunks the game writes meanwhile are copied by the write barrier just before their first write. A
/// synchronous capture is Begin plus an unbounded Continue. Either way the result is byte-identical to a
/// full copy taken at the capture point.
/// </summary>
/// <remarks>
/// A chunk is owed when it was stamped after the snapshot buffer's previous fill (everything on a fresh
/// or foreign buffer, after growth or a schema change) and not since the capture point. Tick thread
/// only; allocates only when the schema changes or the world outgrows the buffers.
/// </remarks>
internal static class SnapshotCapture
{
    // deferred: register the write barrier so copying can continue over later ticks. Otherwise the caller
    // copies everything before the world changes again (a synchronous capture, allowed beside a deferred one).
    public static void Begin(GameWorld world, WorldSnapshot snapshot, DateTime utcNow, bool deferred)
    {
        if (deferred && world.PendingCapture is not null)
            throw new InvalidOperationException("A deferred capture is already in progress on this world; finish it first.");
        if (!ReferenceEquals(snapshot.Schema, world.Schema)) snapshot.SetSchema(world.Schema);
        var full = snapshot.SourceInstanceId != world.InstanceId;
        var since = full ? -1 : snapshot.SourceStamp;
        var stamp = world.Stamp;
        var columns = world.Columns;
        var target = snapshot.ColumnArray;
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var into = target[c];
            for (var b = 0; b < column.BufferCount; b++)
            {
                var length = column.BufferBytes(b).Length;
                var buffer = into.Resize(b, length, out var reallocated);
                into.Pending(b).Begin(column, b, column.Marks(b), buffer, length, reallocated ? -1 : since, deferred);
            }
        }

        snapshot.Count = world.Count;
        snapshot.Tick = world.Tick;
        snapshot.NextId = world.NextId;
        snapshot.CapturedAtUtc = utcNow;
        snapshot.SourceInstanceId = world.InstanceId;
        snapshot.SourceStamp = stamp;
        snapshot.LastCaptureWasFull = full;
        snapshot.LastCopiedBytes = 0;
        Volatile.Write(ref snapshot.CapturingFromField, world);
        if (deferred) Volatile.Write(ref world.PendingCaptureField, snapshot);

        // Writes from here on carry a newer stamp than the capture point.
        world.AdvanceStampPastCapture();
    }

    /// <summary>
    /// Copies up to <paramref name="budget"/> owed bytes; true once the capture is complete (then detached).
    /// Any thread, and several at once: each owed chunk is claimed by exactly one copier.
    /// </summary>
    public static bool Continue(WorldSnapshot snapshot, long budget)
    {
        if (Volatile.Read(ref snapshot.CapturingFromField) is null) return true;
        var columns = snapshot.ColumnArray;
        foreach (var column in columns)
        {
            for (var b = 0; b < column.BufferCount; b++)
            {
                if (!column.Pending(b).Continue(ref budget)) return false;
            }
        }

        // Every chunk is copied; the first thread here publishes completion.
        if (Interlocked.Exchange(ref snapshot.CapturingFromField, null) is not { } world) return true;
        long copied = 0;
        foreach (var column in columns)
        {
            for (var b = 0; b < column.BufferCount; b++) copied += column.Pending(b).Copied;
        }

        snapshot.LastCopiedBytes = copied;
        Interlocked.CompareExchange(ref world.PendingCaptureField, null, snapshot);
        return true;
    }

    /// <summary>
    /// Stops an unfinished capture; the snapshot's buffers no longer match any world state. Only when no
    /// other thread is inside <see cref="Continue"/> for this snapshot.
    /// </summary>
    public static void Abandon(WorldSnapshot snapshot)
    {
        if (Interlocked.Exchange(ref snapshot.CapturingFromField, null) is not { } world) return;
        foreach (var column in snapshot.ColumnArray)
        {
            for (var b = 0; b < column.BufferCount; b++) column.Pending(b).Detach();
        }

        snapshot.SourceInstanceId = 0;
        Interlocked.CompareExchange(ref world.PendingCaptureField, null, snapshot);
    }
}
