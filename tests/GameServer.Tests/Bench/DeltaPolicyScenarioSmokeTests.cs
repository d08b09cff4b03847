using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.Bench;

/// <summary>
/// <c>gamebench delta-policy</c> at CI size, and the <c>--interval</c> flag the benchmarks share: every policy
/// row present, chains cut by the policy's rule, no timing thresholds.
/// </summary>
public class DeltaPolicyScenarioSmokeTests
{
    [Test]
    [CancelAfter(180_000)]
    public void Delta_policy_prints_one_row_per_policy_with_the_chain_the_policy_would_take()
    {
        using var bench = ChildProcess.StartDll("gamebench.dll", ["delta-policy", "--entities", "5000", "--json"]);
        Assert.That(bench.WaitForExit(TimeSpan.FromSeconds(170)), Is.Zero, bench.Errors);

        using var json = JsonDocument.Parse(bench.Output);
        var root = json.RootElement;
        var full = root.GetProperty("full_bytes_median").GetDouble();
        var deltas = root.GetProperty("delta_bytes").EnumerateArray().Select(d => d.GetInt64()).ToList();
        Assert.That(root.GetProperty("autosave_interval_s").GetDouble(), Is.EqualTo(2.0), "2 s unless told");
        Assert.That(deltas, Has.Count.EqualTo(40));
        Assert.That(deltas, Is.All.InRange(1L, (long)full));
        Assert.That(root.GetProperty("full_load_ms_median").GetDouble(), Is.GreaterThan(0));

        var rows = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.That(rows.Select(r => (r.GetProperty("full_every").GetInt32(), r.GetProperty("max_chain_fraction").GetDouble())), Is.EquivalentTo(
            from n in new[] { 5, 10, 20, 40 } from f in new[] { 0.25, 0.5, 1.0 } select (n, f)));
        Assert.That(rows.Count(r => r.GetProperty("is_default").GetBoolean()), Is.EqualTo(1));
        foreach (var row in rows)
        {
            var n = row.GetProperty("full_every").GetInt32();
            var fraction = row.GetProperty("max_chain_fraction").GetDouble();
            var length = row.GetProperty("chain_length").GetInt32();
            Assert.That(length, Is.InRange(1, n), "at most full-every deltas");
            Assert.That(deltas.Take(length - 1).Sum(), Is.LessThanOrEqualTo(fraction * full), "each delta is taken while the deltas before it fit the fraction");
            if (length < n) Assert.That(deltas.Take(length).Sum(), Is.GreaterThan(fraction * full), "the chain ends early only when the fraction is used up");
            Assert.That(row.GetProperty("bytes_per_save").GetDouble(), Is.EqualTo((full + deltas.Take(length).Sum()) / (length + 1)).Within(1));
            Assert.That(row.GetProperty("worst_chain_load_ms").GetDouble(), Is.GreaterThan(0));
            Assert.That(row.GetProperty("worst_chain_load_cpu_vs_full_load").GetDouble(), Is.GreaterThanOrEqualTo(0));
        }
    }

    [TestCase("500ms", 0.5)]
    [TestCase("1s", 1.0)]
    [TestCase("3", 3.0)]
    [CancelAfter(180_000)]
    public void Interval_flag_takes_seconds_milliseconds_or_a_plain_number(string text, double seconds)
    {
        using var bench = ChildProcess.StartDll("gamebench.dll", ["delta-policy", "--entities", "1000", "--interval", text, "--json"]);
        Assert.That(bench.WaitForExit(TimeSpan.FromSeconds(170)), Is.Zero, bench.Errors);

        using var json = JsonDocument.Parse(bench.Output);
        Assert.That(json.RootElement.GetProperty("autosave_interval_s").GetDouble(), Is.EqualTo(seconds));
    }

    [TestCase("autosave", "0s")]
    [TestCase("autosave", "50ms")]
    [TestCase("autosave", "2h")]
    [TestCase("delta-policy", "fast")]
    [TestCase("delta-policy", "-1s")]
    [CancelAfter(60_000)]
    public void A_bad_interval_is_a_one_line_usage_error_with_exit_code_2(string verb, string text)
    {
        using var bench = ChildProcess.StartDll("gamebench.dll", [verb, "--entities", "1000", "--interval", text]);

        Assert.That(bench.WaitForExit(TimeSpan.FromSeconds(50)), Is.EqualTo(2), bench.Output);
        Assert.That(bench.Errors.Trim().Split('\n'), Has.Length.EqualTo(1), bench.Errors);
        Assert.That(bench.Errors, Does.Contain("--interval").And.Contain($"'{text}'"));
    }
}
