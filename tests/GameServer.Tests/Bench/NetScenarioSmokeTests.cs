using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.Bench;

/// <summary>A CI-sized run of <c>gamebench net</c> (server in the bench, gamebot as its child): every field present and sane, no timing thresholds.</summary>
public class NetScenarioSmokeTests
{
    private static readonly string[] PhaseFields =
    [
        "bots_joined", "bot_drops", "round_trips", "rtt_ms_p50", "rtt_ms_p99", "rtt_ms_max", "max_update_gap_ms",
        "updates_per_second", "bytes_per_second", "saves", "ticks", "tick_ms_p99", "tick_ms_max", "alloc_bytes_per_tick",
    ];

    [Test]
    [CancelAfter(180_000)]
    public void Small_networked_scenario_reports_what_the_bots_felt_in_each_phase()
    {
        using var bench = ChildProcess.StartDll("gamebench.dll", ["net", "--entities", "10000", "--bots", "10", "--seconds", "3", "--json"]);
        Assert.That(bench.WaitForExit(TimeSpan.FromSeconds(170)), Is.Zero, bench.Errors);

        using var json = JsonDocument.Parse(bench.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("entities").GetInt32(), Is.EqualTo(10000));
        Assert.That(root.GetProperty("bots").GetInt32(), Is.EqualTo(10));
        Assert.That(root.GetProperty("update_interval_ms").GetDouble(), Is.EqualTo(1000.0 * 2 / 30).Within(0.01), "15 updates/s at 30 ticks/s");
        var phases = root.GetProperty("phases");
        Assert.That(phases.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "idle", "ours", "naive" }));
        foreach (var phase in phases.EnumerateObject())
        {
            var p = phase.Value;
            foreach (var field in PhaseFields) Assert.That(p.TryGetProperty(field, out _), Is.True, $"{phase.Name}: missing {field}");
            Assert.That(p.GetProperty("bots_joined").GetInt32(), Is.EqualTo(10), $"{phase.Name}: every bot joined");
            Assert.That(p.GetProperty("bot_drops").GetInt32(), Is.Zero, $"{phase.Name}: no bot was dropped");
            Assert.That(p.GetProperty("round_trips").GetInt64(), Is.GreaterThan(10), $"{phase.Name}: inputs were echoed");
            var p50 = p.GetProperty("rtt_ms_p50").GetDouble();
            var p99 = p.GetProperty("rtt_ms_p99").GetDouble();
            Assert.That(p50, Is.GreaterThan(0), phase.Name);
            Assert.That(p99, Is.GreaterThanOrEqualTo(p50), phase.Name);
            Assert.That(p.GetProperty("rtt_ms_max").GetDouble(), Is.GreaterThanOrEqualTo(p99), phase.Name);
            Assert.That(p.GetProperty("max_update_gap_ms").GetDouble(), Is.GreaterThan(0), phase.Name);
            Assert.That(p.GetProperty("updates_per_second").GetDouble(), Is.GreaterThan(10), $"{phase.Name}: every bot received state");
            Assert.That(p.GetProperty("ticks").GetInt32(), Is.GreaterThan(30), phase.Name);
            Assert.That(p.GetProperty("tick_ms_max").GetDouble(), Is.GreaterThanOrEqualTo(p.GetProperty("tick_ms_p99").GetDouble()), phase.Name);
            Assert.That(p.GetProperty("alloc_bytes_per_tick").GetDouble(), Is.GreaterThanOrEqualTo(0), $"{phase.Name}: all bots were online for a settled second");
        }

        Assert.That(phases.GetProperty("idle").GetProperty("saves").GetInt64(), Is.Zero, "idle does not save");
        Assert.That(phases.GetProperty("ours").GetProperty("saves").GetInt64(), Is.GreaterThanOrEqualTo(1), "our autosave ran");
        Assert.That(phases.GetProperty("naive").GetProperty("saves").GetInt64(), Is.GreaterThanOrEqualTo(1), "the naive save ran");

        var ratios = root.GetProperty("ratios");
        foreach (var ratio in new[] { "rtt_p99_ours_vs_idle", "rtt_p99_naive_vs_idle", "max_gap_ours_vs_update_interval", "max_gap_naive_vs_update_interval", "rtt_max_naive_vs_ours" })
            Assert.That(ratios.GetProperty(ratio).GetDouble(), Is.GreaterThan(0), ratio);
        var targets = root.GetProperty("targets_met");
        foreach (var target in new[] { "ours_rtt_p99_within_1_10x_idle", "ours_max_gap_within_2_update_intervals", "ours_tick_alloc_zero" })
            Assert.That(targets.GetProperty(target).ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False), target);
        Assert.That(root.GetProperty("machine").GetString(), Is.Not.Empty);
    }
}
