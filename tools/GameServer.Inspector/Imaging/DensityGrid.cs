namespace GameServer.Inspector.Imaging;

/// <summary>
/// Entity counts on a <see cref="Width"/> x <see cref="Height"/> grid of cells over a box of world
/// coordinates, one cell per pixel of the plot; +y points up (row 0 is the top).
/// </summary>
/// <remarks>
/// Each axis has its own scale: the caller picks the cell counts, so the plot keeps the world's
/// proportions or fills a square (see <c>map --aspect</c>).
/// </remarks>
internal sealed class DensityGrid
{
    private readonly long[] _cells;

    /// <summary>A grid over [minX, maxX] x [minY, maxY]; an empty range is widened to one unit around its value.</summary>
    public DensityGrid(int width, int height, double minX, double minY, double maxX, double maxY)
    {
        Width = width;
        Height = height;
        (MinX, MaxX) = Widen(minX, maxX);
        (MinY, MaxY) = Widen(minY, maxY);
        _cells = new long[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public double MinX { get; }

    public double MinY { get; }

    public double MaxX { get; }

    public double MaxY { get; }

    public long Plotted { get; private set; }

    public long Peak { get; private set; }

    public long this[int x, int y] => _cells[(y * Width) + x];

    public void Add(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return;
        var cx = Math.Clamp((int)((x - MinX) / (MaxX - MinX) * Width), 0, Width - 1);
        var cy = Math.Clamp(Height - 1 - (int)((y - MinY) / (MaxY - MinY) * Height), 0, Height - 1);
        var count = ++_cells[(cy * Width) + cx];
        Peak = Math.Max(Peak, count);
        Plotted++;
    }

    /// <summary>
    /// Where <paramref name="count"/> sits on the colour ramp, 0 (one entity) to 1 (the densest cell), on a
    /// log scale so a few crowded cells do not wash out sparse areas.
    /// </summary>
    public double Fraction(long count) => Peak <= 1 ? 1 : Math.Log(Math.Max(count, 1)) / Math.Log(Peak);

    /// <summary>The plot as palette indices: <see cref="MapPalette.Empty"/> or the cell's ramp level.</summary>
    public IndexedImage ToImage()
    {
        var image = new IndexedImage(Width, Height);
        for (var i = 0; i < _cells.Length; i++)
        {
            if (_cells[i] != 0) image.Pixels[i] = MapPalette.Level(Fraction(_cells[i]));
        }

        return image;
    }

    private static (double Min, double Max) Widen(double min, double max) => max > min ? (min, max) : (min - 0.5, max + 0.5);
}
