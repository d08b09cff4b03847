using System.Diagnostics;

namespace GameServer.World.Snapshots;

/// <summary>
/// The capture protocol of one pooled snapshot. <see cref="Begin"/> fixes the capture point (a few stores
/// per column buffer); <see cref="Continue"/> copies owed chunks within a byte budget, on any thread;
/// chunks the game writes meanwhile are copied by the write barrier just before their first write; the
/// thread that sees the last chunk copied publishes completion. A synchronous capture is Begin plus an
/// unbounded Continue. Either way the result is byte-identical to a full copy taken at the capture point.
/// </summary>
/// <remarks>
/// <para>All the protocol's cross-thread state is here, in private fields. Each Begin starts a new
/// generation; a capture is in progress until its generation is published. Completion is published last,
/// after the copied-byte count and the barrier's worst wait are written, so whoever sees
/// <see cref="IsComplete"/> may read them, dispose and begin the next capture at once.</para>
/// <para>Threading: Begin and <see cref="Abandon"/> run on the snapshot's owner (the tick thread at rent;
/// whoever disposes). Every <see cref="Continue"/> call must return before the snapshot is disposed, with
/// one allowance: the call that completes the capture touches nothing after publishing it, so a caller that
/// saw <see cref="IsComplete"/> may dispose at once. Debug builds assert this in <see cref="Abandon"/>.</para>
/// <para>One session per snapshot, reused: allocates only when the schema changes or the world outgrows the buffers.</para>
/// </remarks>
internal sealed class CaptureSession(WorldSnapshot snapshot)
{
    private BufferCopy[] _buffers = [];
    private long _generation;
    private long _published;
    private int _finishing;
    private long _copiedBytes;
    private long _barrierWaitMaxTicks;
    private int _barrierWaiters;
    private int _copiersInside;

    /// <summary>Whether the last capture is complete (or abandoned); true before the first.</summary>
    public bool IsComplete => Volatile.Read(ref _published) == Volatile.Read(ref _generation);

    /// <summary>Bytes the last capture copied, by any thread; written before completion is published.</summary>
    public long CopiedBytes => Volatile.Read(ref _copiedBytes);

    /// <summary>The longest one write waited for a chunk another thread was copying, in the last capture.</summary>
    public TimeSpan MaxBarrierWait => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _barrierWaitMaxTicks));

    /// <summary>
    /// The side buffer of a capture that records its difference: each copied chunk's new XOR old bytes, run
    /// after run (see <see cref="ChangedRange"/>). Pooled with the session; grows only when a capture owes more.
    /// </summary>
    public byte[] Difference { get; private set; } = [];

    /// <summary>Bytes of <see cref="Difference"/> the last capture fills.</summary>
    public int DifferenceLength { get; private set; }

    /// <summary>Whether the last capture recorded nothing, so the side buffer's pages may go back to the OS.</summary>
    public bool SideBufferIdle { get; private set; }

    /// <summary>Gives an idle side buffer's pages back to the OS (off the tick thread, once the capture is complete).</summary>
    public void ReleaseIdleSideBuffer()
    {
        if (!SideBufferIdle || !IsComplete) return;
        SideBufferIdle = false;
        _ = ScratchPages.Release(Difference, 0);
    }

    /// <summary>Test hook: called by a copier after it claims a chunk and before it copies it (column, buffer, chunk).</summary>
    internal Action<int, int, int>? ChunkClaimedForTest { get; set; }

    /// <summary>Writes waiting right now for a chunk another thread is copying (for tests).</summary>
    internal int BarrierWaitersForTest => Volatile.Read(ref _barrierWaiters);

    /// <summary>
    /// Fixes the capture point of <paramref name="world"/> (tick thread). <paramref name="deferred"/>: arm
    /// the write barrier so copying can continue over later ticks; otherwise the caller copies everything
    /// before the world changes again (a synchronous capture, allowed beside a deferred one).
    /// <paramref name="recordDifference"/>: when the buffer holds this world's previous fill, record each
    /// copied chunk's difference from it (new XOR old) in <see cref="Difference"/>.
    /// </summary>
    public void Begin(GameWorld world, DateTime utcNow, bool deferred, bool recordDifference)
    {
        Debug.Assert(IsComplete && Volatile.Read(ref _copiersInside) == 0, "A rented snapshot has no capture in progress.");
        if (deferred && world.HasDeferredCaptureInProgress)
            throw new InvalidOperationException("A deferred capture is already in progress on this world; finish it first.");
        if (!ReferenceEquals(snapshot.Schema, world.Schema)) SetSchema(world);
        var full = snapshot.SourceInstanceId != world.InstanceId;
        var since = full ? -1 : snapshot.SourceStamp;
        var recording = recordDifference && !full;
        var recordedAll = true;
        var columns = world.Columns;
        var target = snapshot.ColumnArray;
        var next = 0;
        long differenceBytes = 0;
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            for (var b = 0; b < column.BufferCount; b++)
            {
                var length = column.BufferBytes(b).Length;
                var buffer = target[c].Resize(b, length, out var previousLength);
                // A side buffer is one array: a buffer that would not fit records nothing, and the capture has no difference.
                var fits = recording && differenceBytes + length <= Array.MaxLength;
                recordedAll &= fits || !recording;
                differenceBytes += _buffers[next++].Begin(c, column, b, column.Marks(b), target[c], buffer, length, since, deferred, previousLength, fits ? (int)differenceBytes : -1);
            }
        }

        EnsureDifference((int)differenceBytes);
        snapshot.SetCapturePoint(world, utcNow, full, recording && recordedAll);
        _copiedBytes = 0;
        _barrierWaitMaxTicks = 0;
        _finishing = 0;
        var generation = _generation + 1;
        Volatile.Write(ref _generation, generation);
        if (deferred) world.TrackDeferredCapture(new CaptureTicket(this, generation));

        // Writes from here on carry a newer stamp than the capture point.
        world.AdvanceStampPastCapture();
    }

    /// <summary>
    /// Copies up to <paramref name="budget"/> owed bytes; true once the capture is complete (published).
    /// Any thread, and several at once: each owed chunk is claimed by exactly one copier.
    /// </summary>
    public bool Continue(long budget) => ContinueGeneration(Volatile.Read(ref _generation), budget);

    /// <summary>Copies whatever capture <paramref name="generation"/> still owes, unless it already finished.</summary>
    public void Finish(long generation) => ContinueGeneration(generation, long.MaxValue);

    /// <summary>Whether capture <paramref name="generation"/> of this session has been published (completed or abandoned).</summary>
    public bool HasPublished(long generation) => Volatile.Read(ref _published) >= generation;

    /// <summary>
    /// Stops an unfinished capture (owner, on dispose); the snapshot's buffers then match no world state
    /// and its next capture copies everything.
    /// </summary>
    public void Abandon()
    {
        Debug.Assert(Volatile.Read(ref _copiersInside) == 0, "Every ContinueCapture call must return before the snapshot is disposed.");
        var generation = Volatile.Read(ref _generation);
        if (HasPublished(generation)) return;

        // A copier that is finishing this very capture publishes it; there is nothing left to stop.
        if (Interlocked.Exchange(ref _finishing, 1) != 0)
        {
            SpinUntilPublished(generation);
            return;
        }

        foreach (var buffer in _buffers) buffer.Disarm();
        snapshot.Invalidate();
        Volatile.Write(ref _published, generation);
    }

    /// <summary>The barrier found a chunk being copied by another thread and is about to wait for it.</summary>
    public void EnterBarrierWait() => Interlocked.Increment(ref _barrierWaiters);

    /// <summary>The barrier's wait is over and recorded.</summary>
    public void LeaveBarrierWait() => Interlocked.Decrement(ref _barrierWaiters);

    /// <summary>Keeps the longest barrier wait of this capture (tick thread: the only one that writes the world).</summary>
    public void RecordBarrierWait(long stopwatchTicks)
    {
        if (stopwatchTicks > Volatile.Read(ref _barrierWaitMaxTicks)) Volatile.Write(ref _barrierWaitMaxTicks, stopwatchTicks);
    }

    private bool ContinueGeneration(long generation, long budget)
    {
        if (HasPublished(generation)) return true;
        EnterCopier();
        foreach (var buffer in _buffers)
        {
            if (!buffer.Continue(ref budget))
            {
                LeaveCopier();
                return false;
            }
        }

        // Every chunk is copied and every barrier disarmed; exactly one thread does the bookkeeping.
        if (Interlocked.Exchange(ref _finishing, 1) == 0)
        {
            Publish(generation);
        }
        else
        {
            LeaveCopier();
            SpinUntilPublished(generation);
        }

        return true;
    }

    // Completion is the last store: the figures, then the barrier's last wait, then IsComplete.
    private void Publish(long generation)
    {
        long copied = 0;
        foreach (var buffer in _buffers) copied += buffer.Copied;
        Volatile.Write(ref _copiedBytes, copied);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _barrierWaiters) != 0) spin.SpinOnce();
        LeaveCopier();
        Volatile.Write(ref _published, generation);
    }

    private void SpinUntilPublished(long generation)
    {
        var spin = default(SpinWait);
        while (!HasPublished(generation)) spin.SpinOnce();
    }

    // Rare: the dirty bytes outgrew the side buffer, or a recording capture needs far less than it holds
    // after a burst (a long pause between saves), so a big buffer is not kept for good. Headroom so a steady churn settles to no allocation.
    private void EnsureDifference(int bytes)
    {
        DifferenceLength = bytes;
        // A capture that records nothing (bound for a full save) keeps the buffer for the deltas after it, but
        // not its memory: it would sit idle beside the full save's encode, and the next delta rewrites what it uses.
        // The release itself is a syscall over many pages, so it is left to the encoder's thread (ReleaseIdleSideBuffer).
        SideBufferIdle = bytes == 0 && Difference.Length > 0;
        var shrink = bytes > 0 && Difference.Length > (8L * bytes) + (4L << 20);
        if (Difference.Length >= bytes && !shrink) return;
        Difference = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, bytes + (bytes / 4L) + 4096));
    }

    /// <summary>The snapshot took a world's schema without losing its columns (adoption): one copier per buffer.</summary>
    public void AdoptSchema() => CreateCopiers();

    private void SetSchema(GameWorld world)
    {
        snapshot.SetSchema(world.Schema);
        CreateCopiers();
    }

    private void CreateCopiers()
    {
        var count = 0;
        foreach (var column in snapshot.ColumnArray) count += column.BufferCount;
        _buffers = new BufferCopy[count];
        for (var i = 0; i < count; i++) _buffers[i] = new BufferCopy(this);
    }

    [Conditional("DEBUG")]
    private void EnterCopier() => Interlocked.Increment(ref _copiersInside);

    [Conditional("DEBUG")]
    private void LeaveCopier() => Interlocked.Decrement(ref _copiersInside);
}
