using GameServer.World.Schema;

namespace GameServer.World.Snapshots;

/// <summary>
/// A frozen copy of a world between two ticks: every column's live rows (ids included), the tick, the
/// UTC time and the schema. The live world keeps changing after capture; the snapshot does not.
/// </summary>
/// <remarks>
/// Snapshots come from a <see cref="SnapshotPool"/> and go back with <see cref="Dispose"/>, which whoever
/// finishes with it calls (usually the autosave task after writing). Buffers are reused across captures,
/// and a reused snapshot copies only the chunks that changed since it was last filled.
/// </remarks>
public sealed class WorldSnapshot : IDisposable
{
    private SnapshotPool? _owner;
    private readonly CaptureSession _capture;
    private ColumnSnapshot[] _columns = [];
    private int _rented;

    internal WorldSnapshot(SnapshotPool? owner)
    {
        _owner = owner;
        _capture = new CaptureSession(this);
    }

    /// <summary>Creates a snapshot outside any pool, for decoders that rebuild one from a save.</summary>
    public static WorldSnapshot CreateDetached(WorldSchema schema, int count, long tick, DateTime capturedAtUtc, long nextId)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var snapshot = new WorldSnapshot(null);
        snapshot.SetSchema(schema);
        snapshot.Count = count;
        snapshot.Tick = tick;
        snapshot.CapturedAtUtc = capturedAtUtc;
        snapshot.NextId = nextId;
        return snapshot;
    }

    /// <summary>The schema of the captured world (empty before the first capture).</summary>
    public WorldSchema Schema { get; private set; } = null!;

    /// <summary>Number of captured entities.</summary>
    public int Count { get; internal set; }

    /// <summary>The tick the world had when captured.</summary>
    public long Tick { get; internal set; }

    /// <summary>Wall-clock time of the capture (UTC).</summary>
    public DateTime CapturedAtUtc { get; internal set; }

    /// <summary>The world's next entity id at capture.</summary>
    public long NextId { get; internal set; }

    /// <summary>Captured columns, in schema order (index 0 is the id column).</summary>
    public IReadOnlyList<ColumnSnapshot> Columns => _columns;

    /// <summary>The columns as an array: iterating it allocates no enumerator (tick thread).</summary>
    internal ColumnSnapshot[] ColumnArray => _columns;

    /// <summary>Bytes the last capture actually copied (all of them after a full capture); final once <see cref="IsComplete"/>.</summary>
    public long LastCopiedBytes => _capture.CopiedBytes;

    /// <summary>
    /// The longest a single write by the game waited, during the last capture, for a chunk the copying
    /// thread was copying (zero when no write had to wait); final once <see cref="IsComplete"/>.
    /// </summary>
    /// <remarks>
    /// Timed only on the barrier's slow path, so it costs nothing otherwise. Copiers claim one chunk at a
    /// time, so this stays near one chunk's copy time (a few microseconds).
    /// </remarks>
    public TimeSpan MaxBarrierWait => _capture.MaxBarrierWait;

    /// <summary>Whether the last capture had to copy everything (fresh buffer, other world, growth, schema change).</summary>
    public bool LastCaptureWasFull { get; internal set; }

    /// <summary>
    /// Whether the last capture recorded its difference: for every chunk it copied, the new bytes XOR the
    /// bytes this buffer held from its previous fill (zero past that fill's length), in <see cref="Difference"/>,
    /// located by each column's <see cref="ColumnSnapshot.ChangedRanges"/>. A delta against the previous fill
    /// then needs neither a second copy of it nor a scan of unchanged chunks. False after a full capture.
    /// </summary>
    /// <remarks>Final once <see cref="IsComplete"/>, like the bytes themselves.</remarks>
    public bool HasDifference { get; private set; }

    /// <summary>The side buffer of the last capture's difference (see <see cref="HasDifference"/>); empty when none.</summary>
    public ReadOnlySpan<byte> Difference => HasDifference ? _capture.Difference.AsSpan(0, _capture.DifferenceLength) : default;

    /// <summary>
    /// Gives the side buffer's memory back to the operating system when the last capture recorded no difference
    /// (one bound for a full save), keeping the array for the deltas after it. A syscall over many pages: call it
    /// off the tick thread once the capture is complete (the encoder does, for a full save); otherwise a no-op.
    /// </summary>
    public void ReleaseIdleSideBuffer() => _capture.ReleaseIdleSideBuffer();

    /// <summary>The whole side buffer, recorded or not (tests: its pages are released when a capture records nothing).</summary>
    internal byte[] SideBufferForTest => _capture.Difference;

    /// <summary>
    /// How many times this buffer has been filled (captures begun, and a restore that kept it). The difference of
    /// capture <c>n</c> is taken against the content of fill <c>n - 1</c>.
    /// </summary>
    public long FillNumber { get; private set; }

    /// <summary>Total captured bytes across columns: the raw size of this snapshot.</summary>
    public long RawBytes
    {
        get
        {
            long sum = 0;
            foreach (var column in _columns) sum += column.ByteLength;
            return sum;
        }
    }

    /// <summary>Whether the capture into this snapshot has finished (always true for detached snapshots).</summary>
    /// <remarks>
    /// Published last: once true, <see cref="LastCopiedBytes"/> and <see cref="MaxBarrierWait"/> are final and
    /// the world accepts its next deferred capture, so a caller that polls this may read them, dispose and capture again.
    /// </remarks>
    public bool IsComplete => _capture.IsComplete;

    /// <summary>The capture protocol of this buffer (tests reach its hooks through it).</summary>
    internal CaptureSession Capture => _capture;

    /// <summary>The world this snapshot last captured from; 0 when never captured.</summary>
    internal long SourceInstanceId { get; set; }

    /// <summary>The world's change stamp at the last capture: chunks marked later must be copied again.</summary>
    internal long SourceStamp { get; set; }

    /// <summary>The captured column named <paramref name="name"/>.</summary>
    public ColumnSnapshot GetColumn(string name)
    {
        var index = Schema.IndexOf(name);
        return index >= 0 ? _columns[index] : throw new KeyNotFoundException($"Snapshot has no column named '{name}'.");
    }

    /// <summary>
    /// Continues a deferred capture (<see cref="SnapshotPool.TryBeginCapture(GameWorld, DateTime, out WorldSnapshot)"/>), copying at most
    /// <paramref name="maxBytes"/> owed bytes now. True when the snapshot is complete. Any thread, e.g. the
    /// autosave thread while the game sleeps between ticks; the tick thread's writes copy what they touch first.
    /// </summary>
    /// <remarks>
    /// Every call must return before the snapshot is disposed (debug builds assert it). The one exception
    /// is the call that completes the capture: it touches nothing after <see cref="IsComplete"/> turns
    /// true, so a thread that sees it true may dispose while that call is still returning.
    /// </remarks>
    public bool ContinueCapture(long maxBytes) => _capture.Continue(maxBytes);

    /// <summary>Returns the snapshot to its pool (a no-op for detached snapshots); an unfinished capture is abandoned.</summary>
    /// <remarks>Only once no <see cref="ContinueCapture"/> call is still copying (see there).</remarks>
    public void Dispose()
    {
        _capture.Abandon();
        if (_owner is null) return;
        if (Interlocked.Exchange(ref _rented, 0) == 0)
            throw new ObjectDisposedException(nameof(WorldSnapshot), "This snapshot was already returned to its pool.");
        _owner.Return(this);
    }

    /// <summary>
    /// Forgets which world and state this buffer holds, so the next capture into it copies everything.
    /// </summary>
    /// <remarks>Used by benchmarks to time full captures on a warm buffer; normal callers never need it.</remarks>
    public void Invalidate()
    {
        SourceInstanceId = 0;
        HasDifference = false;
    }

    internal void MarkRented() => Volatile.Write(ref _rented, 1);

    /// <summary>Fixes the capture point of <paramref name="world"/> into this snapshot (tick thread); see <see cref="CaptureSession.Begin"/>.</summary>
    internal void BeginCapture(GameWorld world, DateTime utcNow, bool deferred, bool recordDifference) =>
        _capture.Begin(world, utcNow, deferred, recordDifference);

    /// <summary>Records what the capture point being fixed is: the world's count, tick, ids, time and stamp.</summary>
    internal void SetCapturePoint(GameWorld world, DateTime utcNow, bool full, bool hasDifference)
    {
        FillNumber++;
        HasDifference = hasDifference;
        Count = world.Count;
        Tick = world.Tick;
        NextId = world.NextId;
        CapturedAtUtc = utcNow;
        SourceInstanceId = world.InstanceId;
        SourceStamp = world.Stamp;
        LastCaptureWasFull = full;
    }

    /// <summary>
    /// Makes this detached snapshot, whose content <paramref name="world"/> was just restored from, a buffer of
    /// <paramref name="pool"/> that holds the world's current state: its next capture copies only chunks changed
    /// from now on. False (nothing changed) when its columns are not exactly the world's (tick thread).
    /// </summary>
    internal bool TryAdopt(SnapshotPool pool, GameWorld world)
    {
        if (_owner is not null || Count != world.Count || Tick != world.Tick || !SameColumns(Schema, world.Schema)) return false;
        _owner = pool;
        Schema = world.Schema;
        _capture.AdoptSchema();
        FillNumber++;
        HasDifference = false;
        LastCaptureWasFull = true;
        SourceInstanceId = world.InstanceId;
        SourceStamp = world.Stamp;

        // Writes from here on are newer than the content this buffer holds.
        world.AdvanceStampPastCapture();
        return true;
    }

    private static bool SameColumns(WorldSchema a, WorldSchema b)
    {
        if (a.Columns.Count != b.Columns.Count) return false;
        for (var i = 0; i < a.Columns.Count; i++)
        {
            var x = a.Columns[i];
            var y = b.Columns[i];
            if (x.Name != y.Name || !x.HasSameStorage(y) || !x.DefaultValue.AsSpan().SequenceEqual(y.DefaultValue.AsSpan())) return false;
        }

        return true;
    }

    internal void SetSchema(WorldSchema schema)
    {
        Schema = schema;
        _columns = new ColumnSnapshot[schema.Columns.Count];
        for (var i = 0; i < _columns.Length; i++) _columns[i] = new ColumnSnapshot(schema.Columns[i]);
        SourceInstanceId = 0;
    }
}
