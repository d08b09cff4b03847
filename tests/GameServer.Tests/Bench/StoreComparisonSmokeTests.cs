using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.Bench;

/// <summary>A CI-sized run of <c>gamebench stores</c> (it starts its own Azurite): both stores measured, no timing thresholds.</summary>
[NonParallelizable]
public class StoreComparisonSmokeTests
{
    [Test]
    [CancelAfter(240_000)]
    public void Small_store_comparison_reports_saves_and_tick_p99_for_the_folder_and_azure_blob_stores()
    {
        using var bench = ChildProcess.StartDll("gamebench.dll", ["stores", "--entities", "5000", "--seconds", "2", "--json"]);
        Assert.That(bench.WaitForExit(TimeSpan.FromSeconds(230)), Is.Zero, bench.Errors);

        using var json = JsonDocument.Parse(bench.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("entities").GetInt32(), Is.EqualTo(5000));
        var stores = root.GetProperty("stores").EnumerateArray().ToList();
        Assert.That(stores.Select(s => s.GetProperty("store").GetString()), Is.EqualTo(new[] { "folder", "azblob" }));
        foreach (var store in stores)
        {
            var name = store.GetProperty("store").GetString();
            Assert.That(store.GetProperty("failed_saves").GetInt32(), Is.Zero, name);
            Assert.That(store.GetProperty("saves").GetInt32(), Is.GreaterThanOrEqualTo(2), name);
            Assert.That(store.GetProperty("delta_saves").GetInt32(), Is.GreaterThanOrEqualTo(1), name);
            Assert.That(store.GetProperty("delta_write_ms_median").GetDouble(), Is.GreaterThan(0), name);
            Assert.That(store.GetProperty("tick_ms_p99_idle").GetDouble(), Is.GreaterThan(0), name);
            Assert.That(store.GetProperty("tick_ms_p99_saving").GetDouble(), Is.GreaterThan(0), name);
            Assert.That(store.GetProperty("tick_p99_saving_vs_idle").GetDouble(), Is.GreaterThan(0), name);
        }

        var ratios = root.GetProperty("ratios");
        foreach (var ratio in new[] { "azblob_vs_folder_full_write_ms", "azblob_vs_folder_delta_write_ms", "azblob_delta_vs_full_save_ms" })
            Assert.That(ratios.TryGetProperty(ratio, out _), Is.True, ratio);
    }
}
