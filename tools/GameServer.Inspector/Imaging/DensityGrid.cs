namespace GameServer.Inspector.Imaging;

/// <summary>
/// Entity counts on a square grid over the bounding box of the positions: the picture of where entities
/// are. Both axes share one scale so the map keeps the world's proportions; +y points up.
/// </summary>
internal sealed class DensityGrid
{
    private readonly long[] _cells;
    private readonly double _originX;
    private readonly double _originY;

    public DensityGrid(int size, double minX, double minY, double maxX, double maxY)
    {
        Size = size;
        MinX = minX;
        MinY = minY;
        MaxX = maxX;
        MaxY = maxY;
        Extent = Math.Max(Math.Max(maxX - minX, maxY - minY), double.Epsilon);
        // Centre the shorter axis in the square instead of leaving it against one edge.
        _originX = minX - ((Extent - (maxX - minX)) / 2);
        _originY = minY - ((Extent - (maxY - minY)) / 2);
        _cells = new long[size * size];
    }

    public int Size { get; }

    public double MinX { get; }

    public double MinY { get; }

    public double MaxX { get; }

    public double MaxY { get; }

    /// <summary>World units covered by the whole picture along either axis.</summary>
    public double Extent { get; }

    public long Plotted { get; private set; }

    public long Peak { get; private set; }

    public long this[int x, int y] => _cells[(y * Size) + x];

    public void Add(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return;
        var cx = Math.Clamp((int)((x - _originX) / Extent * Size), 0, Size - 1);
        var cy = Math.Clamp(Size - 1 - (int)((y - _originY) / Extent * Size), 0, Size - 1);
        var count = ++_cells[(cy * Size) + cx];
        Peak = Math.Max(Peak, count);
        Plotted++;
    }

    /// <summary>
    /// Colour of a cell: black when empty, then a log-scaled ramp dark blue -> red -> yellow -> white, so a
    /// few crowded cells do not wash out sparse areas.
    /// </summary>
    public (byte R, byte G, byte B) Color(int x, int y)
    {
        var count = this[x, y];
        if (count == 0) return (0, 0, 0);
        var t = Peak <= 1 ? 1 : Math.Log(1 + count) / Math.Log(1 + Peak);
        (double R, double G, double B)[] stops = [(0.1, 0.1, 0.5), (0.9, 0.1, 0.1), (1, 0.9, 0.1), (1, 1, 1)];
        var position = t * (stops.Length - 1);
        var i = Math.Min((int)position, stops.Length - 2);
        var f = position - i;
        var (a, b) = (stops[i], stops[i + 1]);
        return (Byte(a.R + ((b.R - a.R) * f)), Byte(a.G + ((b.G - a.G) * f)), Byte(a.B + ((b.B - a.B) * f)));
    }

    private static byte Byte(double unit) => (byte)Math.Clamp(Math.Round(unit * 255), 0, 255);
}
