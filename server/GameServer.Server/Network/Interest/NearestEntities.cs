namespace GameServer.Server.Network.Interest;

/// <summary>The K nearest rows offered so far: a bounded max-heap on squared distance, sorted nearest first on demand.</summary>
/// <remarks>Preallocated for the largest K; reused per query, so queries allocate nothing.</remarks>
public sealed class NearestEntities
{
    private readonly float[] _distances;
    private readonly int[] _rows;
    private int _limit;

    /// <summary>Room for up to <paramref name="capacity"/> entities per query.</summary>
    public NearestEntities(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _distances = new float[capacity];
        _rows = new int[capacity];
    }

    /// <summary>Entities kept.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <see cref="Count"/> reached the limit of this query.</summary>
    public bool IsFull => Count >= _limit;

    /// <summary>Squared distance of the farthest kept entity (only meaningful when <see cref="IsFull"/>).</summary>
    public float WorstDistanceSquared => Count == 0 ? float.PositiveInfinity : _distances[0];

    /// <summary>Row of the <paramref name="index"/>-th kept entity (nearest first after <see cref="SortNearestFirst"/>).</summary>
    public int RowAt(int index) => _rows[index];

    /// <summary>Starts a query keeping at most <paramref name="limit"/> entities.</summary>
    public void Reset(int limit)
    {
        _limit = Math.Clamp(limit, 0, _rows.Length);
        Count = 0;
    }

    /// <summary>Offers a row at squared distance <paramref name="distanceSquared"/>.</summary>
    public void Offer(float distanceSquared, int row)
    {
        if (Count < _limit)
        {
            var i = Count++;
            _distances[i] = distanceSquared;
            _rows[i] = row;
            SiftUp(i);
        }
        else if (_limit > 0 && distanceSquared < _distances[0])
        {
            _distances[0] = distanceSquared;
            _rows[0] = row;
            SiftDown(0, Count);
        }
    }

    /// <summary>Orders the kept entities nearest first (an in-place heap sort).</summary>
    public void SortNearestFirst()
    {
        for (var end = Count - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_distances[parent] >= _distances[i]) return;
            Swap(parent, i);
            i = parent;
        }
    }

    private void SiftDown(int i, int count)
    {
        while (true)
        {
            var largest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < count && _distances[left] > _distances[largest]) largest = left;
            if (right < count && _distances[right] > _distances[largest]) largest = right;
            if (largest == i) return;
            Swap(i, largest);
            i = largest;
        }
    }

    private void Swap(int a, int b)
    {
        (_distances[a], _distances[b]) = (_distances[b], _distances[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
