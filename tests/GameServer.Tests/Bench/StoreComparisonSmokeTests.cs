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
        using var bench = ChildProcess.StartDll("gamebench.dll", ["stores", "--entities", "5000", "--seconds", "2", "--warmup-saves", "3", "--json"]);
        Assert.That(bench.WaitForExit(TimeSpan.FromSeconds(230)), Is.Zero, bench.Errors);

        using var json = JsonDocument.Parse(bench.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("entities").GetInt32(), Is.EqualTo(5000));
        Assert.That(root.GetProperty("azurite_nice").GetInt32(), Is.EqualTo(19));
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
            Assert.That(store.GetProperty("warmup_saves").GetInt32(), Is.EqualTo(3), name);
            foreach (var phase in new[] { "idle", "saving" })
            {
                var counters = store.GetProperty(phase);
                Assert.That(counters.GetProperty("ticks").GetInt32(), Is.GreaterThan(0), $"{name} {phase}");
                Assert.That(counters.GetProperty("tick_ms_p99").GetDouble(), Is.GreaterThan(0), $"{name} {phase}");
                foreach (var count in new[] { "gc_gen0", "gc_gen1", "gc_gen2", "slow_ticks", "slow_ticks_with_gc", "runnable_threads_max", "jit_methods" })
                    Assert.That(counters.GetProperty(count).GetInt32(), Is.GreaterThanOrEqualTo(0), $"{name} {phase} {count}");
                Assert.That(counters.GetProperty("gc_pause_ms").GetDouble(), Is.GreaterThanOrEqualTo(0), $"{name} {phase}");
                Assert.That(counters.GetProperty("tick_thread_cpu_ms").GetDouble(), Is.GreaterThan(0), $"{name} {phase}");
                Assert.That(counters.GetProperty("cpu_ms_by_thread").ValueKind, Is.EqualTo(JsonValueKind.Object), $"{name} {phase}");
            }

            // Saving allocates (encoder output, the store's requests); the idle phase's ticks do not.
            Assert.That(store.GetProperty("saving").GetProperty("allocated_bytes").GetInt64(), Is.GreaterThan(store.GetProperty("idle").GetProperty("allocated_bytes").GetInt64()), name);
        }

        var ratios = root.GetProperty("ratios");
        foreach (var ratio in new[] { "azblob_vs_folder_full_write_ms", "azblob_vs_folder_delta_write_ms", "azblob_delta_vs_full_save_ms" })
            Assert.That(ratios.TryGetProperty(ratio, out _), Is.True, ratio);
    }
}
