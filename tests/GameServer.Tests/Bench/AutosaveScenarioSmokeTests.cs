using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.Bench;

/// <summary>A CI-sized run of <c>gamebench autosave</c>: every field present and sane (no timing thresholds).</summary>
public class AutosaveScenarioSmokeTests
{
    private static readonly string[] Fields =
    [
        "entities", "world_bytes", "memcpy_ms_median", "capture_full_ms_median", "capture_incremental_ms_median",
        "dirty_fraction", "tick_ms_p50_idle", "tick_ms_p99_idle", "tick_ms_p99_saving", "tick_ms_max_saving",
        "tick_ms_max_naive", "alloc_bytes_per_tick", "gen2_collections", "save_ms_median", "raw_bytes",
        "stored_bytes", "reference_zstd1_bytes", "reference_zstd1_ms", "load_ms_median", "barrier_wait_ms_max",
    ];

    [Test]
    [CancelAfter(180_000)]
    public void Small_scenario_prints_every_field_with_sane_values()
    {
        using var folder = new TempFolder();
        var timeline = folder.File("timeline.svg");
        using var bench = ChildProcess.StartDll("gamebench.dll", ["autosave", "--entities", "20000", "--seconds", "3", "--interval", "1s", "--json", "--timeline", timeline]);
        Assert.That(bench.WaitForExit(TimeSpan.FromSeconds(170)), Is.Zero, bench.Errors);

        using var json = JsonDocument.Parse(bench.Output);
        var root = json.RootElement;
        foreach (var field in Fields) Assert.That(root.TryGetProperty(field, out _), Is.True, $"missing {field}");
        Assert.That(root.GetProperty("entities").GetInt32(), Is.EqualTo(20000));
        var worldBytes = root.GetProperty("world_bytes").GetInt64();
        Assert.That(worldBytes, Is.GreaterThan(20000 * 40));
        Assert.That(root.GetProperty("raw_bytes").GetInt64(), Is.EqualTo(worldBytes).Within(worldBytes / 10));
        Assert.That(root.GetProperty("stored_bytes").GetInt64(), Is.InRange(1, worldBytes - 1));
        Assert.That(root.GetProperty("reference_zstd1_bytes").GetInt64(), Is.InRange(1, worldBytes - 1));
        Assert.That(root.GetProperty("dirty_fraction").GetDouble(), Is.InRange(0.0001, 1.0));
        Assert.That(root.GetProperty("saves_ours").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(root.GetProperty("saves_naive").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(root.GetProperty("alloc_bytes_per_tick").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(root.GetProperty("gen2_collections").GetInt32(), Is.GreaterThanOrEqualTo(0));
        foreach (var field in new[] { "memcpy_ms_median", "capture_full_ms_median", "capture_incremental_ms_median", "tick_ms_p50_idle", "tick_ms_max_saving", "tick_ms_max_naive", "save_ms_median", "reference_zstd1_ms", "load_ms_median" })
            Assert.That(root.GetProperty(field).GetDouble(), Is.GreaterThan(0), field);
        Assert.That(root.GetProperty("full_bytes_median").GetDouble(), Is.InRange(1, worldBytes));
        Assert.That(root.GetProperty("delta_saves").GetInt32(), Is.GreaterThanOrEqualTo(1), "autosaves after the first are deltas");
        Assert.That(root.GetProperty("delta_bytes_median").GetDouble(), Is.InRange(1, root.GetProperty("full_bytes_median").GetDouble()));
        Assert.That(root.GetProperty("chain_load_ms_median").GetDouble(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("autosave_interval_s").GetDouble(), Is.EqualTo(1.0), "--interval 1s");
        Assert.That(root.GetProperty("autosave_thread_cpu_fraction").GetDouble(), Is.GreaterThan(0).And.LessThanOrEqualTo(Environment.ProcessorCount), "CPU time the autosave thread used, over wall time");
        Assert.That(root.GetProperty("autosave_thread_busy_fraction").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(root.GetProperty("peak_rss_bytes").GetInt64(), Is.GreaterThan(worldBytes));
        Assert.That(root.GetProperty("tick_ms_max_saving").GetDouble(), Is.GreaterThanOrEqualTo(root.GetProperty("tick_ms_p99_saving").GetDouble()));
        Assert.That(root.GetProperty("barrier_wait_ms_max").GetDouble(), Is.InRange(0, root.GetProperty("tick_ms_max_saving").GetDouble()), "a write waits inside a tick");

        var svg = System.Xml.Linq.XDocument.Load(timeline);
        Assert.That(svg.Root!.Name.LocalName, Is.EqualTo("svg"));
        Assert.That(svg.Descendants().Count(e => e.Name.LocalName == "polyline"), Is.EqualTo(2), "ours and naive");
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.That(texts, Has.Exactly(2).EqualTo("time (s)").And.Exactly(2).EqualTo("budget 33.3 ms"), "a time axis and a labelled budget line per panel");
        var saveMarks = svg.Descendants().Where(e => e.Name.LocalName == "line" && (string?)e.Attribute("stroke") == "#d33").ToList();
        Assert.That(saveMarks, Is.Not.Empty);
        Assert.That(saveMarks.Select(m => (double)m.Attribute("y2")! - (double)m.Attribute("y1")!), Is.All.LessThanOrEqualTo(12), "save marks are short ticks, not full-height lines");

        SvgRendering.AssertPlainSvg(timeline, 100_000);
        var png = folder.File("timeline.png");
        SvgRendering.ToPng(timeline, png);
        Assert.That(SvgRendering.PngSize(png), Is.EqualTo((960, 562)));
    }
}
