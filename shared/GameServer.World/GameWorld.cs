using GameServer.World.Columns;
using GameServer.World.Indexing;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.World;

/// <summary>
/// The live game world as struct-of-arrays columns: rows <c>[0, Count)</c> are dense, entities have stable
/// ids (column 0), and every write marks the chunks it touches so capture can copy only what changed.
/// </summary>
/// <remarks>
/// Owned by the tick thread: nothing here is thread-safe. Spawn appends a row; despawn moves the last row
/// into the hole; an id-to-row index (4 bytes a slot, keyed by the id column) keeps lookups O(1). The world knows nothing of files or codecs.
/// </remarks>
public sealed class GameWorld
{
    /// <summary>log2 of the rows per dirty-tracking chunk.</summary>
    public const int RowsPerChunkLog2 = 10;

    /// <summary>Rows per dirty-tracking chunk.</summary>
    public const int RowsPerChunk = 1 << RowsPerChunkLog2;

    private static long s_nextInstanceId;
    private readonly Column[] _columns;
    private readonly Dictionary<string, Column> _byName;
    private readonly IdIndex _rowById;
    private readonly Column<long> _ids;
    private int _capacity;

    // The deferred capture this world began last (tick thread only; its session says when it finished).
    private CaptureTicket _deferredCapture;

    /// <summary>Creates an empty world with room for <paramref name="initialCapacity"/> entities.</summary>
    public GameWorld(WorldSchema schema, int initialCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        Schema = schema;
        InstanceId = Interlocked.Increment(ref s_nextInstanceId);
        _capacity = initialCapacity;
        _columns = new Column[schema.Columns.Count];
        _byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = CreateColumn(schema.Columns[i], initialCapacity);
            _byName[schema.Columns[i].Name] = _columns[i];
        }

        _ids = (Column<long>)_columns[0];
        _rowById = new IdIndex(initialCapacity);
    }

    /// <summary>The columns this world stores.</summary>
    public WorldSchema Schema { get; }

    /// <summary>Number of live entities (rows).</summary>
    public int Count { get; private set; }

    /// <summary>The current tick number.</summary>
    public long Tick { get; private set; }

    /// <summary>The id the next spawned entity gets; ids are never reused.</summary>
    public long NextId { get; private set; } = 1;

    /// <summary>The id column (read it; ids are assigned by <see cref="Spawn"/>).</summary>
    public ReadOnlySpan<long> Ids => _ids.Read();

    /// <summary>
    /// Change stamp written into chunk marks; advances with every tick and every capture so that a write
    /// after a capture is always newer than that capture.
    /// </summary>
    internal long Stamp { get; private set; } = 1;

    /// <summary>Distinguishes worlds so a pooled snapshot never takes a delta against another world.</summary>
    internal long InstanceId { get; }

    internal ReadOnlySpan<Column> Columns => _columns;

    /// <summary>Whether a deferred capture begun on this world is still copying (one at a time per world).</summary>
    internal bool HasDeferredCaptureInProgress => _deferredCapture.InProgress;

    /// <summary>The fixed-size column named <paramref name="name"/>, typed as <typeparamref name="T"/>.</summary>
    public Column<T> GetColumn<T>(string name)
        where T : unmanaged
    {
        var column = Find(name);
        return column as Column<T>
            ?? throw new InvalidOperationException($"Column '{name}' stores {column.Definition}, not {typeof(T).Name}.");
    }

    /// <summary>The column named <paramref name="name"/>, untyped (its definition and read-only buffer bytes).</summary>
    public Column GetColumn(string name) => Find(name);

    /// <summary>The variable-length column named <paramref name="name"/>.</summary>
    public BlobColumn GetBlobColumn(string name) =>
        Find(name) as BlobColumn ?? throw new InvalidOperationException($"Column '{name}' is not variable-length.");

    /// <summary>Starts the next tick: increments <see cref="Tick"/> and the change stamp.</summary>
    public void AdvanceTick()
    {
        Tick++;
        Stamp++;
    }

    /// <summary>Appends an entity with default values in every column and returns its new id.</summary>
    public long Spawn()
    {
        if (Count == _capacity) Grow(Math.Max(_capacity * 2, 16));
        var row = Count++;
        foreach (var column in _columns) column.AppendDefault(row);
        var id = NextId++;
        _ids.Set(row, id);
        _rowById.Add(id, row);
        return id;
    }

    /// <summary>Removes the entity <paramref name="id"/>; the last row moves into its place. False if unknown.</summary>
    public bool Despawn(long id)
    {
        // The index reads keys from the id column: update it while that column still holds both rows.
        var ids = _ids.Read();
        if (!_rowById.Remove(id, ids, out var row)) return false;
        var last = Count - 1;
        if (row != last) _rowById.Move(ids[last], last, row, ids);
        foreach (var column in _columns) column.RemoveBySwap(row, last);
        Count = last;
        return true;
    }

    /// <summary>The row of entity <paramref name="id"/>, if it is alive.</summary>
    public bool TryGetRow(long id, out int row) => _rowById.TryGetRow(id, _ids.Read(), out row);

    /// <summary>Whether entity <paramref name="id"/> is alive.</summary>
    public bool Contains(long id) => _rowById.TryGetRow(id, _ids.Read(), out _);

    /// <summary>Makes room for <paramref name="entities"/> rows without growing later.</summary>
    public void Reserve(int entities)
    {
        if (entities > _capacity) Grow(entities);
    }

    /// <summary>
    /// Replaces the whole world with a snapshot's content, mapping columns by name: a column missing from
    /// the snapshot takes its default, a snapshot column unknown here is ignored; both are reported.
    /// </summary>
    /// <exception cref="SchemaMismatchException">A column exists in both with a different element type.</exception>
    /// <exception cref="InvalidDataException">The snapshot's ids or offsets are inconsistent.</exception>
    public RestoreReport Restore(WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var source = snapshot.Schema;
        foreach (var column in _columns)
        {
            var saved = source.Find(column.Name);
            if (saved is not null && !saved.HasSameStorage(column.Definition))
                throw new SchemaMismatchException(column.Name, saved, column.Definition);
        }

        // A deferred capture in progress must see the state before this restore: finish it first.
        _deferredCapture.Finish();
        var count = snapshot.Count;
        var ids = snapshot.GetColumn(WorldSchema.IdColumnName).Values<long>();
        if (ids.Length < count) throw new InvalidDataException($"Snapshot has {ids.Length} entity ids for {count} entities.");

        // Everything that can be wrong is found before the world changes (offsets, then ids).
        foreach (var column in _columns)
        {
            var index = source.IndexOf(column.Name);
            if (index >= 0) snapshot.Columns[index].ValidateOffsets(count);
        }

        // The index is rebuilt over the snapshot's ids (they become the world's), which also finds a bad one;
        // then the world is left as it was, index included.
        var bad = _rowById.Rebuild(ids[..count], Math.Max(_capacity, count));
        if (bad >= 0)
        {
            _rowById.Rebuild(_ids.Read(), _capacity);
            throw new InvalidDataException($"Snapshot has an invalid or duplicate entity id {ids[bad]} at row {bad}.");
        }

        long maxId = 0;
        foreach (var id in ids[..count]) maxId = Math.Max(maxId, id);
        Reserve(count);
        Stamp++;
        var defaulted = new List<string>();
        foreach (var column in _columns)
        {
            var index = source.IndexOf(column.Name);
            if (index < 0)
            {
                column.RestoreDefault(count);
                defaulted.Add(column.Name);
            }
            else
            {
                column.RestoreFrom(snapshot.Columns[index], count);
            }
        }

        var ignored = new List<string>();
        foreach (var saved in source.Columns)
        {
            if (Schema.IndexOf(saved.Name) < 0) ignored.Add(saved.Name);
        }

        Count = count;
        Tick = snapshot.Tick;
        NextId = Math.Max(snapshot.NextId, maxId + 1);
        return new RestoreReport(defaulted, ignored);
    }

    /// <summary>Remembers the deferred capture just begun on this world (tick thread).</summary>
    internal void TrackDeferredCapture(CaptureTicket capture) => _deferredCapture = capture;

    /// <summary>After a capture point is fixed: every later write carries a newer stamp than the capture.</summary>
    internal void AdvanceStampPastCapture() => Stamp++;

    private Column Find(string name) =>
        _byName.TryGetValue(name, out var column) ? column : throw new KeyNotFoundException($"No column named '{name}'.");

    private void Grow(int capacity)
    {
        foreach (var column in _columns) column.EnsureCapacity(capacity);
        _rowById.EnsureCapacity(capacity, _ids.Read());
        _capacity = capacity;
    }

    private Column CreateColumn(ColumnDefinition definition, int capacity) => definition.Factory?.Invoke(this, definition, capacity) ?? definition.Type switch
    {
        ColumnType.Int8 => new Column<sbyte>(this, definition, capacity),
        ColumnType.UInt8 => new Column<byte>(this, definition, capacity),
        ColumnType.Int16 => new Column<short>(this, definition, capacity),
        ColumnType.UInt16 => new Column<ushort>(this, definition, capacity),
        ColumnType.Int32 => new Column<int>(this, definition, capacity),
        ColumnType.UInt32 => new Column<uint>(this, definition, capacity),
        ColumnType.Int64 => new Column<long>(this, definition, capacity),
        ColumnType.UInt64 => new Column<ulong>(this, definition, capacity),
        ColumnType.Float32 => new Column<float>(this, definition, capacity),
        ColumnType.Float64 => new Column<double>(this, definition, capacity),
        ColumnType.Bool => new Column<bool>(this, definition, capacity),
        ColumnType.Vector2 => new Column<System.Numerics.Vector2>(this, definition, capacity),
        ColumnType.Vector3 => new Column<System.Numerics.Vector3>(this, definition, capacity),
        ColumnType.Vector4 => new Column<System.Numerics.Vector4>(this, definition, capacity),
        ColumnType.Utf8 or ColumnType.Bytes => new BlobColumn(this, definition, capacity),
        ColumnType.Struct => throw new NotSupportedException($"Column '{definition.Name}' is a struct of {definition.ElementSize} bytes; define it with WorldSchemaBuilder.Add<T>() so the world knows its type."),
        _ => throw new NotSupportedException($"Column '{definition.Name}' has unsupported type {definition.Type}."),
    };
}
