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
    private readonly SnapshotPool? _owner;
    private ColumnSnapshot[] _columns = [];
    private int _rented;

    internal WorldSnapshot(SnapshotPool? owner) => _owner = owner;

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

    /// <summary>Bytes the last capture actually copied (all of them after a full capture).</summary>
    public long LastCopiedBytes { get; internal set; }

    /// <summary>Whether the last capture had to copy everything (fresh buffer, other world, growth, schema change).</summary>
    public bool LastCaptureWasFull { get; internal set; }

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
    public bool IsComplete => Volatile.Read(ref CapturingFromField) is null;

    /// <summary>The world a deferred capture is still copying from, or null when complete (read and cleared across threads).</summary>
    internal GameWorld? CapturingFromField;

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
    /// Continues a deferred capture (<see cref="SnapshotPool.TryBeginCapture"/>), copying at most
    /// <paramref name="maxBytes"/> owed bytes now. True when the snapshot is complete. Any thread, e.g. the
    /// autosave thread while the game sleeps between ticks; the tick thread's writes copy what they touch first.
    /// </summary>
    public bool ContinueCapture(long maxBytes) => SnapshotCapture.Continue(this, maxBytes);

    /// <summary>Returns the snapshot to its pool (a no-op for detached snapshots); an unfinished capture is abandoned.</summary>
    public void Dispose()
    {
        SnapshotCapture.Abandon(this);
        if (_owner is null) return;
        if (Interlocked.Exchange(ref _rented, 0) == 0)
            throw new ObjectDisposedException(nameof(WorldSnapshot), "This snapshot was already returned to its pool.");
        _owner.Return(this);
    }

    /// <summary>
    /// Forgets which world and state this buffer holds, so the next capture into it copies everything.
    /// </summary>
    /// <remarks>Used by benchmarks to time full captures on a warm buffer; normal callers never need it.</remarks>
    public void Invalidate() => SourceInstanceId = 0;

    internal void MarkRented() => Volatile.Write(ref _rented, 1);

    internal void SetSchema(WorldSchema schema)
    {
        Schema = schema;
        _columns = new ColumnSnapshot[schema.Columns.Count];
        for (var i = 0; i < _columns.Length; i++) _columns[i] = new ColumnSnapshot(schema.Columns[i]);
        SourceInstanceId = 0;
    }
}
