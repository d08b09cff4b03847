namespace GameServer.Server.Network.Interest;

/// <summary>
/// A uniform grid over the position columns for area-of-interest queries: cells of a fixed size hashed
/// into a fixed number of buckets, rebuilt from the columns by a counting sort, then queried ring by ring
/// around a point for the K nearest rows within a radius.
/// </summary>
/// <remarks>
/// Tick thread. Hashing makes the grid unbounded (no map size to configure); a bucket shared by two cells
/// is filtered by recomputing each row's cell. Build is two passes over the rows; its arrays grow with the
/// world and are reused, so steady state allocates nothing.
/// </remarks>
public sealed class SpatialGrid
{
    private const int BucketBits = 16;
    private const int BucketMask = (1 << BucketBits) - 1;
    private readonly float _cellSize;
    private readonly float _inverseCell;
    private readonly int[] _start = new int[(1 << BucketBits) + 1];
    private readonly int[] _cursor = new int[1 << BucketBits];
    private int[] _rows = new int[1024];
    private int[] _bucketOfRow = new int[1024];
    private int _count;

    /// <summary>A grid of square cells <paramref name="cellSize"/> metres wide.</summary>
    public SpatialGrid(float cellSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellSize);
        _cellSize = cellSize;
        _inverseCell = 1 / cellSize;
    }

    /// <summary>Rows indexed by the last <see cref="Build"/>.</summary>
    public int Count => _count;

    /// <summary>Indexes every row of the position columns.</summary>
    public void Build(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var n = Math.Min(x.Length, y.Length);
        if (_rows.Length < n)
        {
            _rows = new int[n + (n / 4)];
            _bucketOfRow = new int[_rows.Length];
        }

        Array.Clear(_start);
        for (var row = 0; row < n; row++)
        {
            var bucket = Bucket(Cell(x[row]), Cell(y[row]));
            _bucketOfRow[row] = bucket;
            _start[bucket + 1]++;
        }

        for (var b = 0; b < _cursor.Length; b++)
        {
            _start[b + 1] += _start[b];
            _cursor[b] = _start[b];
        }

        for (var row = 0; row < n; row++) _rows[_cursor[_bucketOfRow[row]]++] = row;
        _count = n;
    }

    /// <summary>
    /// Offers <paramref name="result"/> every row within <paramref name="radius"/> of (<paramref name="px"/>,
    /// <paramref name="py"/>) except <paramref name="excludeRow"/>, nearest rings first, stopping as soon as no
    /// farther ring can beat the K-th nearest kept.
    /// </summary>
    public void Query(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float px, float py, float radius, int excludeRow, NearestEntities result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cx = Cell(px);
        var cy = Cell(py);
        var radiusSquared = radius * radius;
        var rings = (int)MathF.Ceiling(radius * _inverseCell);
        for (var r = 0; r <= rings; r++)
        {
            if (r > 0 && result.IsFull)
            {
                var nearestPossible = (r - 1) * _cellSize;
                if (result.WorstDistanceSquared <= nearestPossible * nearestPossible) return;
            }

            if (r == 0)
            {
                Scan(x, y, cx, cy, px, py, radiusSquared, excludeRow, result);
                continue;
            }

            for (var d = -r; d <= r; d++)
            {
                Scan(x, y, cx + d, cy - r, px, py, radiusSquared, excludeRow, result);
                Scan(x, y, cx + d, cy + r, px, py, radiusSquared, excludeRow, result);
            }

            for (var d = -r + 1; d <= r - 1; d++)
            {
                Scan(x, y, cx - r, cy + d, px, py, radiusSquared, excludeRow, result);
                Scan(x, y, cx + r, cy + d, px, py, radiusSquared, excludeRow, result);
            }
        }
    }

    private void Scan(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int cx, int cy, float px, float py, float radiusSquared, int excludeRow, NearestEntities result)
    {
        var bucket = Bucket(cx, cy);
        var end = _start[bucket + 1];
        for (var i = _start[bucket]; i < end; i++)
        {
            var row = _rows[i];
            if (row == excludeRow || row >= x.Length) continue;
            var ex = x[row];
            var ey = y[row];
            if (Cell(ex) != cx || Cell(ey) != cy) continue;
            var dx = ex - px;
            var dy = ey - py;
            var distanceSquared = (dx * dx) + (dy * dy);
            if (distanceSquared <= radiusSquared) result.Offer(distanceSquared, row);
        }
    }

    private int Cell(float v)
    {
        var c = v * _inverseCell;
        return float.IsFinite(c) ? (int)Math.Clamp(MathF.Floor(c), -1_000_000f, 1_000_000f) : 0;
    }

    private static int Bucket(int cx, int cy) => (int)(((uint)cx * 73856093u) ^ ((uint)cy * 19349663u)) & BucketMask;
}
