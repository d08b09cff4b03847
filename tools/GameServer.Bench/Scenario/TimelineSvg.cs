using System.Globalization;
using System.Text;

namespace GameServer.Bench.Scenario;

/// <summary>
/// A timeline of tick durations, ours against the naive save, with save moments marked: the picture of
/// why the design exists. Plain SVG, so it needs no imaging library and renders on GitHub.
/// </summary>
public static class TimelineSvg
{
    private const int Width = 960;
    private const int PanelHeight = 180;
    private const int Margin = 50;

    public static void Write(string path, ScenarioReport report, IReadOnlyDictionary<string, (double[] Durations, bool[] Saves)> phases)
    {
        var max = Math.Max(1, phases.Values.SelectMany(p => p.Durations).DefaultIfEmpty(1).Max());
        var scaleMax = NiceCeiling(max);
        var svg = new StringBuilder();
        var height = (Margin * 2) + (phases.Count * (PanelHeight + Margin));
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"24\" font-size=\"15\">Tick durations at {report.TickRate} ticks/s, {report.Entities:N0} entities ({report.WorldBytes / 1e6:0.0} MB), a save every {report.AutosaveIntervalSeconds} s (red marks)</text>\n");
        var top = Margin;
        foreach (var (name, (durations, saves)) in phases)
        {
            var title = name == "ours"
                ? $"ours: capture point fixed between ticks; copy, encode and write on the autosave thread (max {Stats.Max(durations):0.0} ms)"
                : $"naive: capture, encode and write on the tick thread (max {Stats.Max(durations):0.0} ms)";
            Panel(svg, top, title, durations, saves, scaleMax, report.TickRate);
            top += PanelHeight + Margin;
        }

        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    private static void Panel(StringBuilder svg, int top, string title, double[] durations, bool[] saves, double scaleMax, int tickRate)
    {
        var plotWidth = Width - (2 * Margin);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{top + 14}\">{title}</text>\n");
        var y0 = top + PanelHeight;
        var plotTop = top + 24;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{y0}\" x2=\"{Width - Margin}\" y2=\"{y0}\" stroke=\"#888\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 6}\" y=\"{plotTop + 4}\" text-anchor=\"end\">{scaleMax:0.#} ms</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 6}\" y=\"{y0}\" text-anchor=\"end\">0</text>\n");
        var budgetY = y0 - ((1000.0 / tickRate) / scaleMax * (y0 - plotTop));
        if (budgetY > plotTop)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{budgetY:0.#}\" x2=\"{Width - Margin}\" y2=\"{budgetY:0.#}\" stroke=\"#e0a000\" stroke-dasharray=\"4 3\"/><text x=\"{Width - Margin}\" y=\"{budgetY - 3:0.#}\" text-anchor=\"end\" fill=\"#a07000\">tick budget {1000.0 / tickRate:0.#} ms</text>\n");
        for (var i = 0; i < durations.Length; i++)
        {
            if (!saves[i]) continue;
            var x = Margin + (i * (double)plotWidth / Math.Max(1, durations.Length - 1));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{plotTop}\" x2=\"{x:0.#}\" y2=\"{y0}\" stroke=\"#d33\" stroke-width=\"1\" opacity=\"0.5\"/>\n");
        }

        svg.Append("<polyline fill=\"none\" stroke=\"#2060c0\" stroke-width=\"1\" points=\"");
        for (var i = 0; i < durations.Length; i++)
        {
            var x = Margin + (i * (double)plotWidth / Math.Max(1, durations.Length - 1));
            var y = y0 - (Math.Min(durations[i], scaleMax) / scaleMax * (y0 - plotTop));
            svg.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
        }

        svg.Append("\"/>\n");
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (step * magnitude >= value) return step * magnitude;
        }

        return 10 * magnitude;
    }
}
