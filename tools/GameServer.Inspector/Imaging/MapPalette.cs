namespace GameServer.Inspector.Imaging;

/// <summary>
/// The map's colours as palette indices: black for an empty cell, a ramp dark blue -> red -> yellow ->
/// white for rising density, and the few colours of axes and labels.
/// </summary>
/// <remarks>
/// One byte per pixel instead of three, and few distinct values: the PNG is about a third of an RGB one,
/// which keeps the SVG (which embeds it as base64) small.
/// </remarks>
internal static class MapPalette
{
    /// <summary>An empty cell.</summary>
    public const byte Empty = 0;

    /// <summary>Ramp colours are indices 1 to <see cref="RampLevels"/>.</summary>
    public const int RampLevels = 250;

    /// <summary>Picture background around the plot.</summary>
    public const byte Background = RampLevels + 1;

    /// <summary>Label text.</summary>
    public const byte Ink = RampLevels + 2;

    /// <summary>Axis lines and tick marks.</summary>
    public const byte Axis = RampLevels + 3;

    public const int Count = RampLevels + 4;

    private static readonly (double R, double G, double B)[] s_stops = [(0.1, 0.1, 0.5), (0.9, 0.1, 0.1), (1, 0.9, 0.1), (1, 1, 1)];

    /// <summary>The ramp index for <paramref name="t"/> in 0..1 (0 sparse, 1 densest).</summary>
    public static byte Level(double t) => (byte)(1 + (int)Math.Round(Math.Clamp(t, 0, 1) * (RampLevels - 1)));

    /// <summary>The PLTE chunk's content: <see cref="Count"/> RGB triples.</summary>
    public static byte[] Rgb()
    {
        var rgb = new byte[Count * 3];
        for (var i = 0; i < Count; i++) (rgb[i * 3], rgb[(i * 3) + 1], rgb[(i * 3) + 2]) = Color((byte)i);
        return rgb;
    }

    /// <summary>The colour of palette index <paramref name="index"/>.</summary>
    public static (byte R, byte G, byte B) Color(byte index) => index switch
    {
        Empty => (0, 0, 0),
        Background => (255, 255, 255),
        Ink => (32, 32, 32),
        Axis => (112, 112, 112),
        _ => Ramp((index - 1) / (double)(RampLevels - 1)),
    };

    /// <summary>CSS hex colour of palette index <paramref name="index"/>.</summary>
    public static string Hex(byte index)
    {
        var (r, g, b) = Color(index);
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    private static (byte R, byte G, byte B) Ramp(double t)
    {
        var position = t * (s_stops.Length - 1);
        var i = Math.Min((int)position, s_stops.Length - 2);
        var f = position - i;
        var (a, b) = (s_stops[i], s_stops[i + 1]);
        return (Byte(a.R + ((b.R - a.R) * f)), Byte(a.G + ((b.G - a.G) * f)), Byte(a.B + ((b.B - a.B) * f)));
    }

    private static byte Byte(double unit) => (byte)Math.Clamp(Math.Round(unit * 255), 0, 255);
}
