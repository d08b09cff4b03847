using System.Globalization;
using System.Security;
using System.Text;

namespace GameServer.Bench.Scenario;

/// <summary>
/// A timeline of tick durations, ours against the naive save: one panel per phase with a time axis in
/// seconds, a shared log duration axis, the tick budget as a labelled dashed line, and save starts as short
/// red ticks under the time axis. Plain SVG (UTF-8, no BOM), so it needs no imaging library and renders
/// on GitHub.
/// </summary>
public static class TimelineSvg
{
    /// <summary>Picture width in pixels.</summary>
    public const int Width = 960;

    private const int Left = 70;
    private const int Right = 120; // room for the budget label and the time-axis name, right of the plot
    private const int HeaderHeight = 64;
    private const int TitleHeight = 20;
    private const int PlotHeight = 170;
    private const int BelowPlot = 44; // save marks, time labels
    private const int PanelGap = 10;
    private const int PlotWidth = Width - Left - Right;

    /// <summary>Picture height in pixels for <paramref name="panels"/> panels.</summary>
    public static int Height(int panels) => HeaderHeight + (panels * (TitleHeight + PlotHeight + BelowPlot + PanelGap)) + PanelGap;

    public static void Write(string path, ScenarioReport report, IReadOnlyDictionary<string, (double[] Durations, bool[] Saves)> phases)
    {
        var budget = 1000.0 / report.TickRate;
        double low = double.PositiveInfinity, high = budget;
        foreach (var (durations, _) in phases.Values)
        {
            foreach (var d in durations)
            {
                if (d > 0) low = Math.Min(low, d);
                high = Math.Max(high, d);
            }
        }

        var scale = new LogScale(double.IsInfinity(low) ? budget / 100 : low, high * 1.05);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height(phases.Count)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        Text(svg, Left, 22, $"Tick durations at {report.TickRate} ticks/s, {report.Entities:N0} entities ({report.WorldBytes / 1e6:0.0} MB), a save every {report.AutosaveIntervalSeconds} s", "font-size=\"15\"");
        Legend(svg, 46, budget, report.TickRate);
        var top = HeaderHeight;
        foreach (var (name, (durations, saves)) in phases)
        {
            Panel(svg, top, Title(name, durations), durations, saves, scale, report.TickRate, budget);
            top += TitleHeight + PlotHeight + BelowPlot + PanelGap;
        }

        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static string Title(string phase, double[] durations)
    {
        var what = phase switch
        {
            "ours" => "ours: capture point fixed between ticks; copy, encode and write on the autosave thread",
            "naive" => "naive: capture, encode and write on the tick thread",
            _ => phase,
        };
        return string.Create(CultureInfo.InvariantCulture, $"{what} (p99 {Stats.Percentile(durations, 0.99):0.0} ms, max {Stats.Max(durations):0.0} ms)");
    }

    private static void Legend(StringBuilder svg, int y, double budget, int tickRate)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y - 4}\" x2=\"{Left + 20}\" y2=\"{y - 4}\" stroke=\"#2060c0\" stroke-width=\"1.5\"/>\n");
        Text(svg, Left + 26, y, "tick duration (ms, log scale)");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left + 270}\" y1=\"{y - 9}\" x2=\"{Left + 270}\" y2=\"{y + 1}\" stroke=\"#d33\" stroke-width=\"2\"/>\n");
        Text(svg, Left + 278, y, "a save starts (marks under the time axis)");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left + 560}\" y1=\"{y - 4}\" x2=\"{Left + 580}\" y2=\"{y - 4}\" stroke=\"#e0a000\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n");
        Text(svg, Left + 586, y, string.Create(CultureInfo.InvariantCulture, $"tick budget: {budget:0.#} ms at {tickRate} ticks/s"));
    }

    private static void Panel(StringBuilder svg, int top, string title, double[] durations, bool[] saves, LogScale scale, int tickRate, double budget)
    {
        Text(svg, Left, top + 14, title, "font-weight=\"bold\"");
        var plotTop = top + TitleHeight;
        var y0 = plotTop + PlotHeight;
        double Y(double ms) => y0 - (scale.Fraction(ms) * PlotHeight);

        // Duration gridlines and labels, left of the plot.
        foreach (var value in scale.Gridlines())
        {
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + PlotWidth}\" y2=\"{y:0.#}\" stroke=\"#e4e4e4\"/>\n");
            Text(svg, Left - 6, y + 4, string.Create(CultureInfo.InvariantCulture, $"{value:0.###} ms"), "text-anchor=\"end\" fill=\"#444\"");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{plotTop}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#888\"/>\n");

        // The budget line, labelled in the right margin where no other text lives.
        var budgetY = Y(budget);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{budgetY:0.#}\" x2=\"{Left + PlotWidth}\" y2=\"{budgetY:0.#}\" stroke=\"#e0a000\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n");
        Text(svg, Left + PlotWidth + 6, budgetY + 4, string.Create(CultureInfo.InvariantCulture, $"budget {budget:0.#} ms"), "fill=\"#a07000\"");

        // Time axis: seconds since the phase began (ticks are 1/tickRate s apart).
        var seconds = Math.Max(durations.Length, 1) / (double)tickRate;
        double X(double s) => Left + (s / seconds * PlotWidth);
        var step = LogScale.SeriesCeiling(seconds / 10);
        for (var s = 0.0; s <= seconds + 1e-9; s += step)
        {
            var x = X(s);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{y0}\" x2=\"{x:0.#}\" y2=\"{y0 + 4}\" stroke=\"#888\"/>\n");
            Text(svg, x, y0 + 30, string.Create(CultureInfo.InvariantCulture, $"{s:0.##}"), "text-anchor=\"middle\" fill=\"#444\"");
        }

        Text(svg, Left + PlotWidth + 18, y0 + 30, "time (s)", "fill=\"#444\"");

        // Save starts: short ticks under the axis, so they never read as spikes of the curve.
        for (var i = 0; i < saves.Length; i++)
        {
            if (!saves[i]) continue;
            var x = X(i / (double)tickRate);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{y0 + 6}\" x2=\"{x:0.#}\" y2=\"{y0 + 16}\" stroke=\"#d33\" stroke-width=\"2\"/>\n");
        }

        svg.Append("<polyline fill=\"none\" stroke=\"#2060c0\" stroke-width=\"1\" points=\"");
        for (var i = 0; i < durations.Length; i++)
            svg.Append(CultureInfo.InvariantCulture, $"{X(i / (double)tickRate):0.#},{Y(durations[i]):0.#} ");
        svg.Append("\"/>\n");
    }

    private static void Text(StringBuilder svg, double x, double y, string text, string attributes = "") =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\" {attributes}>{SecurityElement.Escape(text)}</text>\n");
}
