using System.Runtime.CompilerServices;

namespace GameServer.World.Indexing;

/// <summary>
/// The world's id-to-row map: an open-addressing hash table (linear probing) whose slots hold only rows; the
/// key of a slot is read from the id column itself, so a live entity costs 4 bytes per slot, about 5.3 bytes
/// at most load, where a <c>Dictionary&lt;long, int&gt;</c> costs 28 (a quarter of the world's own bytes at
/// the demo's 69 bytes per entity).
/// </summary>
/// <remarks>
/// Works for any ids, dense or sparse: the slot comes from a multiplicative hash, so the spawner's consecutive
/// ids spread evenly and scattered or huge ids (a restored save) probe no longer. Removal shifts later entries
/// back instead of leaving tombstones, so lookups never degrade with churn and the table never has to be
/// rebuilt in steady state. Sized for a number of entities: adding and removing allocate nothing; only
/// <see cref="EnsureCapacity"/> and <see cref="Rebuild"/> may. Tick thread only, like the world.
/// Every method that looks at keys takes the id column (<c>ids[row]</c> for every row the table holds).
/// </remarks>
internal sealed class IdIndex
{
    // Rows are stored plus one so that a fresh (zeroed) array is an empty table: no fill, no pre-touch.
    private const int Empty = 0;
    private int[] _slots;

    /// <summary>An empty index with room for <paramref name="capacity"/> entities.</summary>
    public IdIndex(int capacity) => _slots = new int[SlotsFor(capacity)];

    /// <summary>Entities the index holds room for without growing.</summary>
    public int Capacity => CapacityOf(_slots.Length);

    /// <summary>Bytes of its table (for memory accounting).</summary>
    public long TableBytes => (long)_slots.Length * sizeof(int);

    /// <summary>The row of <paramref name="id"/>, if the index holds it.</summary>
    public bool TryGetRow(long id, ReadOnlySpan<long> ids, out int row)
    {
        var slot = FindSlot(id, ids);
        row = slot < 0 ? -1 : _slots[slot] - 1;
        return slot >= 0;
    }

    /// <summary>Adds a new id (the spawner's: never held already) at <paramref name="row"/>; room must have been ensured.</summary>
    public void Add(long id, int row)
    {
        var slots = _slots;
        var slot = Home(id, slots.Length);
        while (slots[slot] != Empty) slot = Next(slot, slots.Length);
        slots[slot] = row + 1;
    }

    /// <summary>Adds <paramref name="id"/> at <paramref name="row"/> unless the index holds it already (false).</summary>
    public bool TryAdd(long id, int row, ReadOnlySpan<long> ids)
    {
        var slots = _slots;
        var slot = Home(id, slots.Length);
        while (slots[slot] != Empty)
        {
            if (ids[slots[slot] - 1] == id) return false;
            slot = Next(slot, slots.Length);
        }

        slots[slot] = row + 1;
        return true;
    }

    /// <summary>Removes <paramref name="id"/> and says which row it had; false if the index does not hold it.</summary>
    public bool Remove(long id, ReadOnlySpan<long> ids, out int row)
    {
        var hole = FindSlot(id, ids);
        if (hole < 0)
        {
            row = -1;
            return false;
        }

        var slots = _slots;
        row = slots[hole] - 1;

        // Backward shift: move up every later entry of the run whose home is not between the hole and it.
        var next = hole;
        while (true)
        {
            next = Next(next, slots.Length);
            var entry = slots[next];
            if (entry == Empty) break;
            var home = Home(ids[entry - 1], slots.Length);
            var stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (stays) continue;
            slots[hole] = entry;
            hole = next;
        }

        slots[hole] = Empty;
        return true;
    }

    /// <summary>The entity <paramref name="id"/>, held at <paramref name="from"/>, now lives at row <paramref name="to"/>.</summary>
    public void Move(long id, int from, int to, ReadOnlySpan<long> ids)
    {
        var slot = FindSlot(id, ids);
        if (slot < 0 || _slots[slot] != from + 1) throw new InvalidOperationException($"The id index does not hold entity {id} at row {from}.");
        _slots[slot] = to + 1;
    }

    /// <summary>Makes room for <paramref name="capacity"/> entities, rehashing the live rows of <paramref name="ids"/> (all of them).</summary>
    public void EnsureCapacity(int capacity, ReadOnlySpan<long> ids)
    {
        if (capacity <= Capacity) return;
        _slots = new int[SlotsFor(capacity)];
        for (var row = 0; row < ids.Length; row++) Add(ids[row], row);
    }

    /// <summary>
    /// Empties the index (keeping its table when it has room for <paramref name="capacity"/>) and adds every row of
    /// <paramref name="ids"/>: -1 when they are all positive and distinct, else the first row whose id is not
    /// (the index then holds an unspecified part of them: rebuild it from valid ids).
    /// </summary>
    public int Rebuild(ReadOnlySpan<long> ids, int capacity)
    {
        capacity = Math.Max(capacity, ids.Length);
        if (capacity <= Capacity) Array.Clear(_slots);
        else _slots = new int[SlotsFor(capacity)];
        for (var row = 0; row < ids.Length; row++)
        {
            if (ids[row] <= 0 || !TryAdd(ids[row], row, ids)) return row;
        }

        return -1;
    }

    // At most 3/4 full: linear probing then stays at about 2.5 probes for a hit and 8.5 for a miss, while
    // the table costs 5.3 bytes per entity.
    private static int SlotsFor(int capacity) => checked(Math.Max(16, capacity + (capacity / 3) + 1));

    private static int CapacityOf(int slots) => (int)(slots * 3L / 4);

    private int FindSlot(long id, ReadOnlySpan<long> ids)
    {
        var slots = _slots;
        var slot = Home(id, slots.Length);
        while (true)
        {
            var entry = slots[slot];
            if (entry == Empty) return -1;
            if (ids[entry - 1] == id) return slot;
            slot = Next(slot, slots.Length);
        }
    }

    // Fibonacci hashing spreads consecutive ids evenly; the high 32 bits are then scaled onto the table
    // (multiply-shift), so the table needs no power-of-two size.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(long id, int length) =>
        (int)(((((ulong)id * 0x9E3779B97F4A7C15UL) >> 32) * (ulong)(uint)length) >> 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(int slot, int length) => slot + 1 == length ? 0 : slot + 1;
}
