using System.Globalization;

namespace GameServer.Inspector.Imaging;

/// <summary>
/// Lays out a density map: the plot (one pixel per cell) with axes in world units, the y axis named above
/// it and the x axis below, and on the right a colour legend of entities per cell (log scale, black = 0).
/// </summary>
internal static class DensityMapLayout
{
    private const int Pad = 6;
    private const int TickLength = 4;
    private const int LabelGap = 3;
    private const int BarWidth = 12;
    private const int SwatchHeight = 8;
    private const string LegendTitle = "entities per cell";

    public static MapPicture Compose(DensityGrid grid, string xName, string yName)
    {
        var (pw, ph) = (grid.Width, grid.Height);
        var lineHeight = BitmapFont.Height;
        var xTicks = AxisTicks.For(grid.MinX, grid.MaxX, pw, BitmapFont.Measure);
        var yTicks = AxisTicks.For(grid.MinY, grid.MaxY, ph, _ => lineHeight + 4);
        var barHeight = Math.Min(256, Math.Max(100, ph - 24));
        var counts = LegendCounts(grid, barHeight);

        var yLabels = yTicks.Count == 0 ? 0 : yTicks.Max(t => BitmapFont.Measure(t.Label));
        var left = Pad + Math.Max(yLabels + LabelGap + TickLength + 1, BitmapFont.Measure(yName) / 2);
        left = Math.Max(left, Pad + (BitmapFont.Measure(xName) / 2) - (pw / 2));
        if (xTicks.Count > 0) left = Math.Max(left, Pad + (BitmapFont.Measure(xTicks[0].Label) / 2));
        var top = Pad + lineHeight + Pad;
        var legendGap = 12 + (xTicks.Count == 0 ? 0 : BitmapFont.Measure(xTicks[^1].Label) / 2);
        var legendLabels = counts.Count == 0 ? 0 : counts.Max(c => BitmapFont.Measure(Count(c)));
        var right = legendGap + Math.Max(BarWidth + TickLength + LabelGap + legendLabels, BitmapFont.Measure(LegendTitle)) + Pad;
        var bottom = TickLength + LabelGap + lineHeight + 4 + lineHeight + Pad;
        var picture = new MapPicture(left + pw + right, top + Math.Max(ph, barHeight + 6 + SwatchHeight) + bottom);

        // The plot and its axes.
        picture.Images.Add((left, top, grid.ToImage()));
        picture.Boxes.Add((left - 1, top, 1, ph + 1, MapPalette.Axis));
        picture.Boxes.Add((left - 1, top + ph, pw + 1, 1, MapPalette.Axis));
        var xLabelTop = top + ph + 1 + TickLength + LabelGap;
        foreach (var (value, label) in xTicks)
        {
            var x = left + (int)Math.Round((value - grid.MinX) / (grid.MaxX - grid.MinX) * pw);
            picture.Boxes.Add((x, top + ph + 1, 1, TickLength, MapPalette.Axis));
            picture.Labels.Add((x, xLabelTop, label, TextAnchor.Middle));
        }

        foreach (var (value, label) in yTicks)
        {
            var y = top + ph - (int)Math.Round((value - grid.MinY) / (grid.MaxY - grid.MinY) * ph);
            picture.Boxes.Add((left - 1 - TickLength, y, TickLength, 1, MapPalette.Axis));
            picture.Labels.Add((left - 1 - TickLength - LabelGap, y - (lineHeight / 2), label, TextAnchor.End));
        }

        picture.Labels.Add((left + (pw / 2), xLabelTop + lineHeight + 4, xName, TextAnchor.Middle));
        picture.Labels.Add((left - 1, Pad, yName, TextAnchor.Middle));

        // The legend: the ramp from one entity (bottom) to the densest cell (top), then black for none.
        var barX = left + pw + legendGap;
        picture.Labels.Add((barX, Pad, LegendTitle, TextAnchor.Start));
        picture.Images.Add((barX, top, Bar(barHeight)));
        var labelX = barX + BarWidth + TickLength + LabelGap;
        foreach (var count in counts)
        {
            var y = top + BarY(grid.Fraction(count), barHeight);
            picture.Boxes.Add((barX + BarWidth, y, TickLength, 1, MapPalette.Axis));
            picture.Labels.Add((labelX, y - (lineHeight / 2), Count(count), TextAnchor.Start));
        }

        var swatchY = top + barHeight + 6;
        picture.Boxes.Add((barX, swatchY, BarWidth, SwatchHeight, MapPalette.Empty));
        picture.Labels.Add((labelX, swatchY + (SwatchHeight / 2) - (lineHeight / 2), "0", TextAnchor.Start));
        return picture;
    }

    /// <summary>1, the powers of ten below the peak, and the peak, leaving out any that would crowd its neighbour.</summary>
    private static List<long> LegendCounts(DensityGrid grid, int barHeight)
    {
        var counts = new List<long>();
        if (grid.Peak == 0) return counts;
        for (long c = 1; c < grid.Peak; c *= 10)
        {
            var y = BarY(grid.Fraction(c), barHeight);
            if (BarY(grid.Fraction(grid.Peak), barHeight) <= y - 14 && (counts.Count == 0 || BarY(grid.Fraction(counts[^1]), barHeight) >= y + 14)) counts.Add(c);
            if (c > long.MaxValue / 10) break;
        }

        counts.Add(grid.Peak);
        return counts;
    }

    private static int BarY(double fraction, int barHeight) => (int)Math.Round((1 - fraction) * (barHeight - 1));

    private static IndexedImage Bar(int height)
    {
        var bar = new IndexedImage(BarWidth, height);
        for (var row = 0; row < height; row++) bar.Fill(0, row, BarWidth, 1, MapPalette.Level(1 - (row / (double)Math.Max(1, height - 1))));
        return bar;
    }

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
