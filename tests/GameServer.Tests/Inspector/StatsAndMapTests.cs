using System.Numerics;
using System.Xml.Linq;
using GameServer.Inspector.Imaging;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Inspector;

public class StatsAndMapTests
{
    [Test]
    public void Stats_gives_min_max_mean_zeros_and_histogram_per_column()
    {
        using var folder = new TempFolder();
        var world = TestWorlds.Populated(1000);
        var hp = world.GetColumn<int>("hp").Write();
        for (var i = 0; i < hp.Length; i++) hp[i] = i % 10; // 0..9, a hundred zeros, mean 4.5
        var path = SaveFixture.Write(folder.Path, world);

        var json = Inspect.Run("stats", path, "--json", "--bins", "10").Json();

        var columns = json.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        var stats = columns["hp"];
        Assert.That(stats.GetProperty("min").GetDouble(), Is.Zero);
        Assert.That(stats.GetProperty("max").GetDouble(), Is.EqualTo(9));
        Assert.That(stats.GetProperty("mean").GetDouble(), Is.EqualTo(4.5));
        Assert.That(stats.GetProperty("zeros").GetInt64(), Is.EqualTo(100));
        Assert.That(stats.GetProperty("histogram").EnumerateArray().Select(b => b.GetInt64()), Is.All.EqualTo(100));
        Assert.That(columns, Does.ContainKey("velocity.z").And.ContainKey("name (length)"));
        Assert.That(columns["velocity.z"].GetProperty("zeros").GetInt64(), Is.EqualTo(1000));
        Assert.That(columns["name (length)"].GetProperty("zeros").GetInt64(), Is.EqualTo(1000 - 334), "rows without a name are empty");
    }

    [Test]
    public void Stats_text_is_a_table_with_a_histogram_column()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 500);
        var result = Inspect.Run("stats", path, "--columns", "x,hp");
        Assert.That(result.Exit, Is.Zero, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[0], Does.Contain("min").And.Contain("mean").And.Contain("histogram"));
        Assert.That(lines[2], Does.StartWith("x ").And.Match("[▁▂▃▄▅▆▇█]"));
    }

    [Test]
    public void Map_writes_a_valid_png_with_correct_chunk_crcs()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 2000);
        var png = folder.File("map.png");

        var result = Inspect.Run("map", path, "-o", png, "--size", "64");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("2000 of 2000 entities"));
        var (width, height, pixels, chunks) = IndexedPng.Read(File.ReadAllBytes(png));
        Assert.That(chunks, Is.EqualTo(new[] { "IHDR", "PLTE", "IDAT", "IEND" }));
        Assert.That(result.Out, Does.Contain($"({width}x{height}, plot 64x64 "), "a 64x64 plot inside axes and legend");
        Assert.That(pixels.Any(p => p is >= 1 and <= MapPalette.RampLevels), Is.True, "some cell is lit");
    }

    [Test]
    public void Map_from_a_vec3_column_writes_svg_that_parses_as_xml()
    {
        using var folder = new TempFolder();
        var world = TestWorlds.Populated(300);
        var velocity = world.GetColumn<Vector3>("velocity").Write();
        for (var i = 0; i < velocity.Length; i++) velocity[i] = new Vector3(i % 10, 0, i / 10);
        var path = SaveFixture.Write(folder.Path, world);
        var svg = folder.File("map.svg");

        var result = Inspect.Run("map", path, "-o", svg, "--pos", "velocity", "--axes", "xz", "--size", "16", "--json");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Json().GetProperty("plotted").GetInt64(), Is.EqualTo(300));
        var document = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.That(document.Root!.Name, Is.EqualTo(ns + "svg"));
        var plot = (string)document.Root.Element(ns + "image")!.Attribute("href")!;
        var pixels = IndexedPng.Read(Convert.FromBase64String(plot["data:image/png;base64,".Length..])).Pixels;
        Assert.That(pixels.Count(p => p is >= 1 and <= MapPalette.RampLevels), Is.GreaterThan(10), "lit cells in the embedded plot");
    }

    [Test]
    public void Map_with_a_non_numeric_column_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 5);
        var result = Inspect.Run("map", path, "-o", folder.File("m.png"), "--x", "name");
        Assert.That(result.Exit, Is.EqualTo(2));
        Assert.That(result.Err, Does.Contain("'name' is utf8"));
    }
}
