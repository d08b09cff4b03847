using System.Diagnostics;
using System.Text.Json;
using GameServer.Bench.Probes;
using GameServer.Bench.Scenario;
using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Stores;

/// <summary>
/// <c>gamebench stores</c>: the server's tick pipeline over the demo game with our autosave every 2 s, once
/// into a local folder and once into Azure Blob Storage (an Azurite this run starts on loopback), reporting
/// per store the full and delta save times and sizes, a load, and tick p99 while saving vs idle.
/// </summary>
/// <remarks>
/// Same world, pool and churn for both stores, one after the other; within a store, idle and saving
/// rounds interleave (as in <c>gamebench autosave</c>) so slow drift of the machine lands on both alike.
/// A full save every <see cref="FullEvery"/> deltas, so both kinds are measured in one run.
/// </remarks>
public static class StoreComparison
{
    private const int TickRate = AutosaveScenario.TickRate;
    private const int FullEvery = 3;
    private const int Rounds = 4;
    private const int MinWarmUpSaves = 70;
    private const int MaxWarmUpSaves = 200;
    private const int QuietSaves = 5;
    private const int WarmUpTicks = 6;
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static int Run(int entities, double seconds, bool json, string churn, string? azuriteFolder, int azuriteNice, StoreTuning tuning, int? warmUpSaves = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gamebench-stores-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            AzuriteProcess azurite;
            try
            {
                azurite = AzuriteProcess.Start(azuriteFolder, azuriteNice);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"gamebench stores: {e.Message}");
                return 1;
            }

            using var running = azurite;
            var game = new DemoGame();
            var settings = new GameSettings(entities, Seed: 1, TickRate);
            var world = game.Generate(settings);
            var input = new TickInbox();
            var simulation = ChurnKinds.Simulation(game, world, settings, churn);
            var pool = new SnapshotPool(maxSnapshots: 1); // as the server: one buffer, which holds the delta base
            var report = new StoreComparisonReport
            {
                Entities = entities,
                SecondsPerPhase = seconds,
                TickRate = TickRate,
                AutosaveIntervalSeconds = Interval.TotalSeconds,
                FullEvery = FullEvery,
                AzuriteNice = azuriteNice,
                Tuning = tuning,
                Machine = AutosaveScenario.Machine(),
            };

            var ticks = (int)Math.Ceiling(seconds * TickRate);
            if (tuning.Measures("folder"))
                report.Stores.Add(Measure("folder", new LocalFolderStore(Path.Combine(folder, "bench")), 0, world, input, simulation, pool, ticks, tuning, warmUpSaves));
            if (tuning.Measures("azblob"))
            {
                var options = tuning.BlobOptions();
                var container = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString, AzureBlobSaveStore.ClientOptions(options)).GetBlobContainerClient("gamebench");
                report.Stores.Add(Measure("azblob", new AzureBlobSaveStore(container, "bench", "bench", options), azurite.ProcessId, world, input, simulation, pool, ticks, tuning, warmUpSaves));
            }

            if (report.Stores.Count < 2)
            {
                Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Table(report));
                return 0;
            }

            var (local, blob) = (report.Stores[0], report.Stores[1]);
            report.Ratios["azblob_vs_folder_full_write_ms"] = Ratio(blob.FullWriteMsMedian, local.FullWriteMsMedian);
            report.Ratios["azblob_vs_folder_delta_write_ms"] = Ratio(blob.DeltaWriteMsMedian, local.DeltaWriteMsMedian);
            report.Ratios["azblob_vs_folder_load_ms"] = Ratio(blob.LoadMsMedian, local.LoadMsMedian);
            report.Ratios["azblob_delta_vs_full_save_ms"] = Ratio(blob.DeltaSaveMsMedian, blob.FullSaveMsMedian);
            report.Ratios["folder_delta_vs_full_save_ms"] = Ratio(local.DeltaSaveMsMedian, local.FullSaveMsMedian);
            Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Table(report));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static StoreReport Measure(string name, ISaveStore store, int storePid, GameWorld world, TickInbox input, ITickStage simulation, SnapshotPool pool, int ticksPerPhase, StoreTuning tuning, int? warmUpSaves)
    {
        var idlePipeline = TickPipeline.Standard(world, input, simulation, new NoCaptureStage());
        var report = new StoreReport();
        var idle = new PhaseSamples(storePid);
        var saving = new PhaseSamples(storePid);
        var results = new List<SaveResult>();
        var options = new AutosaveOptions
        {
            WorldName = "bench",
            Interval = Interval,
            Deltas = new DeltaPolicy { FullEvery = FullEvery },
            SaveThreadNice = tuning.SaveThreadNice,
        };
        using (var sampler = new RunnableThreadSampler())
        using (var autosave = new AutosaveService(options, pool, store))
        {
            var capture = new AutosaveCaptureStage(autosave);
            var savingPipeline = TickPipeline.Standard(world, input, simulation, capture);
            autosave.SaveCompleted += r =>
            {
                lock (results) results.Add(r);
            };

            (report.WarmUpSaves, report.WarmUpSeconds) = WarmUp(autosave, world, idlePipeline, warmUpSaves);
            WaitIdle(autosave);
            lock (results) results.Clear();
            var roundTicks = Math.Max(2 * TickRate, ticksPerPhase / Rounds);
            for (var round = 0; round < Rounds; round++)
            {
                idle.Run(new PhaseRunner(idlePipeline, () => 0, roundTicks), sampler, "idle");
                saving.Run(new PhaseRunner(savingPipeline, () => capture.SavesStarted, roundTicks), sampler, "saving");
                WaitIdle(autosave);
            }

            var slow = Stats.Percentile(idle.Durations, 0.99);
            report.Idle = idle.Report(slow, sampler, "idle");
            report.Saving = saving.Report(slow, sampler, "saving");
        }

        List<SaveResult> ok;
        int failed;
        lock (results)
        {
            ok = results.Where(r => r.Succeeded).ToList();
            failed = results.Count - ok.Count;
        }

        report.Store = name;
        FillSaves(report, ok, failed, store);
        report.TickMsP99Idle = report.Idle.TickMsP99;
        report.TickMsP99Saving = report.Saving.TickMsP99;
        report.TickMsMaxSaving = report.Saving.TickMsMax;
        report.TickP99SavingVsIdle = Ratio(report.TickMsP99Saving, report.TickMsP99Idle);
        return report;
    }

    private static void FillSaves(StoreReport report, List<SaveResult> ok, int failed, ISaveStore store)
    {
        var full = ok.Where(r => r.ChainIndex == 0).ToList();
        var deltas = ok.Where(r => r.ChainIndex > 0).ToList();
        report.Saves = ok.Count;
        report.FailedSaves = failed;
        report.FullSaves = full.Count;
        report.FullBytesMedian = Stats.Median(full.Select(r => (double)r.StoredBytes));
        report.FullWriteMsMedian = Stats.Median(full.Select(r => r.WriteDuration.TotalMilliseconds));
        report.FullSaveMsMedian = Stats.Median(full.Select(r => (r.EncodeDuration + r.WriteDuration).TotalMilliseconds));
        report.DeltaSaves = deltas.Count;
        report.DeltaBytesMedian = Stats.Median(deltas.Select(r => (double)r.StoredBytes));
        report.DeltaWriteMsMedian = Stats.Median(deltas.Select(r => r.WriteDuration.TotalMilliseconds));
        report.DeltaSaveMsMedian = Stats.Median(deltas.Select(r => (r.EncodeDuration + r.WriteDuration).TotalMilliseconds));
        report.LoadMsMedian = LoadMedian(store, full.Select(r => r.Name!).ToList());
    }

    /// <summary>
    /// Saves (with a few ticks between, so deltas have changes) until the JIT is quiet: at least
    /// <see cref="MinWarmUpSaves"/>, then until <see cref="QuietSaves"/> saves in a row compiled at most 2
    /// methods each; or exactly <paramref name="exactly"/> saves when given. Returns the saves made and the time taken.
    /// </summary>
    /// <remarks>
    /// Connections and first-use setup are not steady state, and neither is tiered compilation: a method first
    /// run by a save (the Azure SDK's paths are thousands) is re-compiled after 30 calls, and with dynamic PGO
    /// once more after 30 further calls, so the JIT works on the other core for the first ~60 saves, 2 minutes
    /// of a server's life at one save every 2 s. The measured phases describe the hours after that.
    /// </remarks>
    private static (int Saves, double Seconds) WarmUp(AutosaveService autosave, GameWorld world, TickPipeline ticks, int? exactly)
    {
        var (min, max) = exactly is { } n ? (n, n) : (MinWarmUpSaves, MaxWarmUpSaves);
        var watch = Stopwatch.StartNew();
        var saves = 0;
        var quiet = 0;
        while (saves < max && (exactly is not null || watch.Elapsed < MaxWarmUp) && (saves < min || quiet < QuietSaves))
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            new PhaseRunner(ticks, () => 0, WarmUpTicks).Run(TickRate);
            autosave.SaveAndWait(world, SaveKind.Auto, null, TimeSpan.FromMinutes(5));
            saves++;
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled <= 2 ? quiet + 1 : 0;
        }

        return (saves, Math.Round(watch.Elapsed.TotalSeconds, 1));
    }

    private static void WaitIdle(AutosaveService autosave)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 300);
        while (autosave.InFlight && Stopwatch.GetTimestamp() < deadline) Thread.Sleep(5);
    }

    // Loads of the newest full saves still kept (retention may have rotated older ones away).
    private static double LoadMedian(ISaveStore store, List<string> fullSaves)
    {
        var listed = store.ListAsync().GetAwaiter().GetResult().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var files = fullSaves.Where(listed.Contains).TakeLast(3).ToList();
        var times = new List<double>();
        for (var rep = 0; rep < 3 && files.Count > 0; rep++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using (SaveLoader.LoadAsync(store, files[rep % files.Count]).GetAwaiter().GetResult())
            {
            }

            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return Stats.Median(times);
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : Math.Round(a / b, 4);

    private static string Table(StoreComparisonReport r)
    {
        var lines = new List<string>
        {
            $"stores: {r.Entities:N0} entities, {r.SecondsPerPhase} s per phase at {r.TickRate} ticks/s, autosave every {r.AutosaveIntervalSeconds} s, a full save every {r.FullEvery} deltas",
            $"machine: {r.Machine}",
            $"tuning: {r.Tuning}",
            "",
            "| store | saves (full/delta/failed) | full MB | full write ms | full save ms | delta MB | delta write ms | delta save ms | load ms | tick p99 idle ms | tick p99 saving ms | p99 saving/idle |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        foreach (var s in r.Stores)
        {
            lines.Add($"| {s.Store} | {s.FullSaves}/{s.DeltaSaves}/{s.FailedSaves} | {s.FullBytesMedian / 1e6:0.00} | {s.FullWriteMsMedian:0.0} | {s.FullSaveMsMedian:0.0} | {s.DeltaBytesMedian / 1e6:0.00} | {s.DeltaWriteMsMedian:0.0} | {s.DeltaSaveMsMedian:0.0} | {s.LoadMsMedian:0.0} | {s.TickMsP99Idle:0.00} | {s.TickMsP99Saving:0.00} | {s.TickP99SavingVsIdle:0.00} |");
        }

        lines.Add("");
        lines.Add("| store | phase | tick p99 ms | tick max ms | slow ticks (with GC) | GC gen0/1/2 | GC pause ms | allocated MB/s | tick thread run-queue wait ms | runnable threads mean/max | machine runnable mean/max |");
        lines.Add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var s in r.Stores)
        {
            foreach (var (phase, p) in new[] { ("idle", s.Idle), ("saving", s.Saving) })
                lines.Add($"| {s.Store} | {phase} | {p.TickMsP99:0.00} | {p.TickMsMax:0.00} | {p.SlowTicks} ({p.SlowTicksWithGc}) | {p.GcGen0}/{p.GcGen1}/{p.GcGen2} | {p.GcPauseMs:0.0} | {p.AllocatedBytesPerSecond / 1e6:0.00} | {p.TickThreadRunQueueWaitMs:0.0} | {p.RunnableThreadsMean:0.00}/{p.RunnableThreadsMax} | {p.MachineRunnableMean:0.00}/{p.MachineRunnableMax} |");
        }

        lines.Add("");
        foreach (var (name, value) in r.Ratios) lines.Add($"ratio {name}: {value:0.###}");
        return string.Join(Environment.NewLine, lines);
    }
}
