namespace GameServer.Inspector.Imaging;

/// <summary>A picture of palette indices (see <see cref="MapPalette"/>), one byte per pixel, rows top to bottom.</summary>
internal sealed class IndexedImage
{
    public IndexedImage(int width, int height, byte fill = 0)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height];
        if (fill != 0) Pixels.AsSpan().Fill(fill);
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>Sets one pixel; outside the picture does nothing.</summary>
    public void Set(int x, int y, byte colour)
    {
        if ((uint)x < (uint)Width && (uint)y < (uint)Height) Pixels[(y * Width) + x] = colour;
    }

    /// <summary>Fills a rectangle, clipped to the picture.</summary>
    public void Fill(int x, int y, int width, int height, byte colour)
    {
        var x0 = Math.Max(x, 0);
        var x1 = Math.Min(x + width, Width);
        for (var row = Math.Max(y, 0); row < Math.Min(y + height, Height); row++)
        {
            if (x1 > x0) Pixels.AsSpan((row * Width) + x0, x1 - x0).Fill(colour);
        }
    }

    /// <summary>Copies <paramref name="source"/> with its top-left corner at (x, y), clipped.</summary>
    public void Draw(IndexedImage source, int x, int y)
    {
        for (var row = 0; row < source.Height; row++)
        {
            var ty = y + row;
            if ((uint)ty >= (uint)Height) continue;
            var x0 = Math.Max(x, 0);
            var x1 = Math.Min(x + source.Width, Width);
            if (x1 <= x0) return;
            source.Pixels.AsSpan((row * source.Width) + (x0 - x), x1 - x0).CopyTo(Pixels.AsSpan((ty * Width) + x0));
        }
    }
}
