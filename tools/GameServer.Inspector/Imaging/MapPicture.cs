namespace GameServer.Inspector.Imaging;

/// <summary>
/// A density map as a few primitives, the density plot and legend bar as images plus boxes and labels,
/// so one layout serves both outputs: rasterised into a PNG, or written as SVG elements around the
/// embedded images.
/// </summary>
internal sealed class MapPicture
{
    public MapPicture(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Images, drawn first (top-left corners).</summary>
    public List<(int X, int Y, IndexedImage Image)> Images { get; } = [];

    /// <summary>Filled rectangles: axis lines, tick marks, the empty-cell swatch.</summary>
    public List<(int X, int Y, int Width, int Height, byte Colour)> Boxes { get; } = [];

    /// <summary>Text, one line each: anchor x, top y (the font is <see cref="BitmapFont.Height"/> pixels tall).</summary>
    public List<(int X, int Top, string Text, TextAnchor Anchor)> Labels { get; } = [];

    /// <summary>The left end of a label as the PNG's fixed-width font places it.</summary>
    public static int LeftOf(int x, string text, TextAnchor anchor) => anchor switch
    {
        TextAnchor.Middle => x - (BitmapFont.Measure(text) / 2),
        TextAnchor.End => x - BitmapFont.Measure(text),
        _ => x,
    };

    /// <summary>The whole picture as pixels, labels in <see cref="BitmapFont"/>.</summary>
    public IndexedImage Rasterize()
    {
        var image = new IndexedImage(Width, Height, MapPalette.Background);
        foreach (var (x, y, source) in Images) image.Draw(source, x, y);
        foreach (var (x, y, w, h, colour) in Boxes) image.Fill(x, y, w, h, colour);
        foreach (var (x, top, text, anchor) in Labels) BitmapFont.Draw(image, LeftOf(x, text, anchor), top, text, MapPalette.Ink);
        return image;
    }
}
