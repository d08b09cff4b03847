using System.Xml.Linq;
using GameServer.Demo;
using GameServer.Inspector.Imaging;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;

namespace GameServer.Tests.Inspector;

/// <summary>The density map as people see it: axes, legend, aspect, and SVG that renders small.</summary>
public class MapPictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    [CancelAfter(120_000)]
    public void Svg_map_embeds_the_plot_as_png_renders_at_its_declared_size_and_stays_small()
    {
        using var folder = new TempFolder();
        var save = SaveFixture.Write(folder.Path, DemoWorld.Generate(20_000, seed: 1));
        var svg = folder.File("map.svg");

        var result = Inspect.Run("map", save, "-o", svg, "--json");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var json = result.Json();
        var (width, height) = (json.GetProperty("width").GetInt32(), json.GetProperty("height").GetInt32());
        Assert.That((json.GetProperty("plotWidth").GetInt32(), json.GetProperty("plotHeight").GetInt32()), Is.EqualTo((512, 512)));
        Assert.That(width, Is.GreaterThan(512 + 40), "room for the y axis and the legend");
        Assert.That(height, Is.GreaterThan(512 + 20), "room for the x axis");
        SvgRendering.AssertPlainSvg(svg, 100_000);
        var root = XDocument.Load(svg).Root!;
        Assert.That(root.Descendants(Svg + "rect").Count(), Is.LessThan(100), "no rectangle per cell");
        var images = root.Descendants(Svg + "image").Select(i => (string)i.Attribute("href")!).ToList();
        Assert.That(images, Has.Count.EqualTo(2).And.All.StartWith("data:image/png;base64,"), "the plot and the legend bar");
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.That(texts, Does.Contain("x").And.Contain("y").And.Contain("entities per cell").And.Contain("0").And.Contain("4000"));

        var png = folder.File("map-from-svg.png");
        SvgRendering.ToPng(svg, png);
        Assert.That(SvgRendering.PngSize(png), Is.EqualTo((width, height)));
    }

    [Test]
    public void Png_map_has_the_same_layout_as_the_svg_with_labels_drawn_into_it()
    {
        using var folder = new TempFolder();
        var save = SaveFixture.Write(folder.Path, DemoWorld.Generate(5_000, seed: 1));
        var svg = Inspect.Run("map", save, "-o", folder.File("m.svg"), "--size", "200", "--json").Json();
        var png = folder.File("m.png");

        var result = Inspect.Run("map", save, "-o", png, "--size", "200");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var (width, height) = SvgRendering.PngSize(png);
        Assert.That((width, height), Is.EqualTo((svg.GetProperty("width").GetInt32(), svg.GetProperty("height").GetInt32())));
        Assert.That(result.Out, Does.Contain($"({width}x{height}, plot 200x200 equal,"));
        var pixels = IndexedPng.Read(File.ReadAllBytes(png)).Pixels;
        Assert.That(pixels.ToHashSet(), Does.Contain(MapPalette.Empty).And.Contain(MapPalette.Background).And.Contain(MapPalette.Ink), "empty cells, background and label ink");
        var belowPlot = pixels.AsSpan((height - 30) * width, 20 * width).ToArray();
        Assert.That(belowPlot.Count(p => p == MapPalette.Ink), Is.GreaterThan(20), "x tick labels and the axis name are drawn under the plot");
    }

    [Test]
    public void Side_view_of_a_flat_world_fills_the_plot_by_default_and_keeps_proportions_on_request()
    {
        using var folder = new TempFolder();
        var save = SaveFixture.Write(folder.Path, DemoWorld.Generate(5_000, seed: 1)); // x 0..4000, z (height) within ~150

        var auto = Inspect.Run("map", save, "-o", folder.File("auto.png"), "--x", "x", "--y", "z", "--json").Json();
        var equal = Inspect.Run("map", save, "-o", folder.File("equal.png"), "--x", "x", "--y", "z", "--aspect", "equal", "--json").Json();

        Assert.That(auto.GetProperty("aspect").GetString(), Is.EqualTo("fill"));
        Assert.That((auto.GetProperty("plotWidth").GetInt32(), auto.GetProperty("plotHeight").GetInt32()), Is.EqualTo((512, 512)));
        Assert.That(equal.GetProperty("aspect").GetString(), Is.EqualTo("equal"));
        Assert.That(equal.GetProperty("plotWidth").GetInt32(), Is.EqualTo(512));
        Assert.That(equal.GetProperty("plotHeight").GetInt32(), Is.InRange(1, 40), "z spans a few percent of x");
        var bounds = equal.GetProperty("bounds").EnumerateArray().Select(b => b.GetDouble()).ToArray();
        var expected = (int)Math.Round(512 * (bounds[3] - bounds[1]) / (bounds[2] - bounds[0]));
        Assert.That(equal.GetProperty("plotHeight").GetInt32(), Is.EqualTo(Math.Max(1, expected)));
    }
}
