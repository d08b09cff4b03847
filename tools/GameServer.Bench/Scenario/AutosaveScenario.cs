using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Scenario;

/// <summary>
/// <c>gamebench autosave</c>: the real tick loop and the server's tick pipeline over the demo game,
/// headless at 30 ticks/s, in three phases in one process: (a) no saving, (b) our autosave every interval
/// (2 s unless told), (c) the naive save (capture, encode and write on the tick thread) as often. Prints one
/// JSON object or a table.
/// </summary>
/// <remarks>
/// Every phase builds its pipeline with <see cref="TickPipeline.Standard"/>, as the server does; only the
/// capture stage differs. The process runs with the server's runtime settings (server/Runtime.props).
/// </remarks>
public static class AutosaveScenario
{
    public const int TickRate = 30;

    public static int Run(int entities, double seconds, bool json, string? timelinePath, string churn = "demo", TimeSpan? autosaveInterval = null)
    {
        var interval = autosaveInterval ?? TimeSpan.FromSeconds(2);
        var ticksPerPhase = (int)Math.Ceiling(seconds * TickRate);
        var folder = Path.Combine(Path.GetTempPath(), "gamebench-autosave-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            var game = new DemoGame();
            var settings = new GameSettings(entities, Seed: 1, TickRate);
            var world = game.Generate(settings);
            var input = new TickInbox();
            var simulation = ChurnKinds.Simulation(game, world, settings, churn);
            var idlePipeline = TickPipeline.Standard(world, input, simulation, new NoCaptureStage());
            var report = new ScenarioReport { Entities = entities, SecondsPerPhase = seconds, TickRate = TickRate, AutosaveIntervalSeconds = interval.TotalSeconds, Machine = Machine(), Churn = churn };

            // Same-run baselines.
            var pool = new SnapshotPool(maxSnapshots: 1);
            using (var reference = new SnapshotPool(1).Capture(world))
            {
                report.WorldBytes = reference.RawBytes;
                (report.ReferenceZstd1Ms, report.ReferenceZstd1Bytes) = StaticMeasurements.ReferenceZstd1(Codecs.CodecComparison.Concatenate(reference), 5);
            }

            (report.MemcpyMsMedian, report.CaptureFullMsMedian) = StaticMeasurements.MemcpyAndFullCapture(world, pool, 31);

            (report.CaptureIncrementalMsMedian, report.DirtyFraction) = StaticMeasurements.CaptureIncremental(idlePipeline, pool, (int)(interval.TotalSeconds * TickRate), 9);

            // (a) idle and (b) our autosave, interleaved in rounds so that slow drift of this noisy
            // machine (frequency, neighbours) lands on both phases alike.
            const int Rounds = 4;
            var roundTicks = Math.Max(2 * TickRate, ticksPerPhase / Rounds);
            var idleDurations = new List<double>();
            var oursDurations = new List<double>();
            var oursSaves = new List<bool>();
            var allocPerTick = new List<double>();
            var results = new List<SaveResult>();
            SaveResult warmSave;
            double oursWallMs = 0;
            var oursCpu = TimeSpan.Zero;
            var oursCpuWall = TimeSpan.Zero;
            var storage = new LocalFolderStore(Path.Combine(folder, "ours"));
            using (var autosave = new AutosaveService(new AutosaveOptions { WorldName = "bench", Interval = interval }, pool, storage))
            {
                var capture = new AutosaveCaptureStage(autosave);
                var oursPipeline = TickPipeline.Standard(world, input, simulation, capture);
                autosave.SaveCompleted += r =>
                {
                    lock (results) results.Add(r);
                };

                // One save before measuring: JIT and first-use setup of the writer thread are not steady state.
                warmSave = autosave.SaveAndWait(world, SaveKind.Auto, null, TimeSpan.FromMinutes(2));
                WaitIdle(autosave);
                lock (results) results.Clear();
                var gen2 = GC.CollectionCount(2);
                for (var round = 0; round < Rounds; round++)
                {
                    var idle = new PhaseRunner(idlePipeline, () => 0, roundTicks);
                    idle.Run(TickRate);
                    idleDurations.AddRange(idle.Durations.ToArray());

                    var ours = new PhaseRunner(oursPipeline, () => capture.SavesStarted, roundTicks);
                    var cpuStart = ThreadCpuClock.Of(AutosaveThreadName);
                    var oursStart = Stopwatch.GetTimestamp();
                    allocPerTick.Add(ours.Run(TickRate));
                    oursWallMs += Stopwatch.GetElapsedTime(oursStart).TotalMilliseconds;
                    oursDurations.AddRange(ours.Durations.ToArray());
                    oursSaves.AddRange(ours.SaveStarted.ToArray());
                    WaitIdle(autosave);

                    // CPU and wall both up to the end of the round's last save, which started inside the round.
                    oursCpu += ThreadCpuClock.Of(AutosaveThreadName) - cpuStart;
                    oursCpuWall += Stopwatch.GetElapsedTime(oursStart);
                }

                report.Gen2Collections = GC.CollectionCount(2) - gen2;
                report.AllocBytesPerTick = allocPerTick.Average();
                lock (results)
                {
                    var ok = results.Where(r => r.Succeeded).ToList();
                    report.SavesOurs = ok.Count;
                    report.SaveMsMedian = Stats.Median(ok.Select(r => (r.EncodeDuration + r.WriteDuration).TotalMilliseconds));
                    report.EncodeMsMedian = Stats.Median(ok.Select(r => r.EncodeDuration.TotalMilliseconds));
                    report.WriteMsMedian = Stats.Median(ok.Select(r => r.WriteDuration.TotalMilliseconds));
                    report.AutosavePauseMsMedian = Stats.Median(ok.Select(r => r.CaptureDuration.TotalMilliseconds));
                    report.AutosaveCopyMsMedian = Stats.Median(ok.Select(r => r.CopyDuration.TotalMilliseconds));
                    report.BarrierWaitMsMax = Stats.Max(ok.Select(r => r.BarrierWaitMax.TotalMilliseconds));
                    report.RawBytes = ok.LastOrDefault()?.RawBytes ?? 0;
                    report.StoredBytes = ok.LastOrDefault()?.StoredBytes ?? 0;
                    var full = ok.Where(r => r.ChainIndex == 0).Append(warmSave).Where(r => r.Succeeded).ToList();
                    var deltas = ok.Where(r => r.ChainIndex > 0).ToList();
                    report.FullBytesMedian = Stats.Median(full.Select(r => (double)r.StoredBytes));
                    report.FullMsMedian = Stats.Median(full.Select(r => (r.EncodeDuration + r.WriteDuration).TotalMilliseconds));
                    report.DeltaSaves = deltas.Count;
                    report.DeltaBytesMedian = Stats.Median(deltas.Select(r => (double)r.StoredBytes));
                    report.DeltaMsMedian = Stats.Median(deltas.Select(r => (r.EncodeDuration + r.WriteDuration).TotalMilliseconds));
                    var busyMs = ok.Sum(r => (r.CopyDuration + r.EncodeDuration + r.WriteDuration).TotalMilliseconds);
                    report.AutosaveThreadBusyFraction = oursWallMs > 0 ? busyMs / oursWallMs : 0;
                    report.AutosaveThreadCpuFraction = ThreadCpuClock.Available && oursCpuWall > TimeSpan.Zero ? oursCpu / oursCpuWall : -1;
                }
            }

            report.TickMsP50Idle = Stats.Percentile(idleDurations, 0.5);
            report.TickMsP99Idle = Stats.Percentile(idleDurations, 0.99);
            report.TickMsMaxIdle = Stats.Max(idleDurations);
            report.TickMsP50Saving = Stats.Percentile(oursDurations, 0.5);
            report.TickMsP99Saving = Stats.Percentile(oursDurations, 0.99);
            report.TickMsMaxSaving = Stats.Max(oursDurations);
            if (timelinePath is not null) s_phases["ours"] = (oursDurations.ToArray(), oursSaves.ToArray());

            report.PeakRssBytes = Process.GetCurrentProcess().PeakWorkingSet64;
            report.LoadMsMedian = LoadMedian(storage, chainIndex: 0);
            report.ChainLoadMsMedian = LoadMedian(storage, chainIndex: null);

            // (c) the naive save: everything on the tick thread.
            var naiveStorage = new LocalFolderStore(Path.Combine(folder, "naive"));
            var writer = new SaveWriter(naiveStorage, freeSpaceMarginBytes: 0);
            using var encoder = new SnapshotEncoder();
            using (var warm = pool.Capture(world)) writer.WriteAsync(encoder.PrepareFull(warm, "bench", "auto", ""), "warmup.gsav").GetAwaiter().GetResult();
            var naiveSave = new NaiveSaveStage(pool, encoder, writer, every: (int)(interval.TotalSeconds * TickRate));
            var naive = new PhaseRunner(TickPipeline.Standard(world, input, simulation, naiveSave), () => naiveSave.SavesStarted, ticksPerPhase);
            naive.Run(TickRate);
            report.SavesNaive = naive.SaveStarted.ToArray().Count(s => s);
            report.TickMsP99Naive = Stats.Percentile(naive.Durations.ToArray(), 0.99);
            report.TickMsMaxNaive = Stats.Max(naive.Durations.ToArray());
            Phase(timelinePath, "naive", naive);

            report.Ratios = Ratios(report);
            if (timelinePath is not null) TimelineSvg.Write(timelinePath, report, s_phases);
            Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Table(report));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The kernel's name of the autosave writer thread (AutosaveService names it "autosave-writer").
    private const string AutosaveThreadName = "autosave";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static readonly Dictionary<string, (double[] Durations, bool[] Saves)> s_phases = [];

    private static void Phase(string? timelinePath, string name, PhaseRunner runner)
    {
        if (timelinePath is not null) s_phases[name] = (runner.Durations.ToArray(), runner.SaveStarted.ToArray());
    }

    private static void WaitIdle(AutosaveService autosave)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (autosave.InFlight && Stopwatch.GetTimestamp() < deadline) Thread.Sleep(5);
    }

    // The newest full saves (chainIndex 0), or the newest save of the longest chain (null): a delta's load reads its whole chain.
    private static double LoadMedian(LocalFolderStore store, int? chainIndex)
    {
        var all = SaveCatalog.ListAsync(store).GetAwaiter().GetResult().Where(e => e.Header is not null).ToList();
        var files = chainIndex is { } index
            ? all.Where(e => e.Header!.ChainIndex == index).Take(3).ToList()
            : all.OrderByDescending(e => e.Header!.ChainIndex).Take(1).ToList();
        var times = new List<double>();
        for (var rep = 0; rep < 5 && files.Count > 0; rep++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using (SaveLoader.LoadAsync(store, files[rep % files.Count].FileName).GetAwaiter().GetResult())
            {
            }

            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return Stats.Median(times);
    }

    private static Dictionary<string, double> Ratios(ScenarioReport r) => new()
    {
        ["capture_full_vs_memcpy"] = Ratio(r.CaptureFullMsMedian, r.MemcpyMsMedian),
        ["capture_incremental_vs_full"] = Ratio(r.CaptureIncrementalMsMedian, r.CaptureFullMsMedian),
        ["tick_p99_saving_vs_idle"] = Ratio(r.TickMsP99Saving, r.TickMsP99Idle),
        ["tick_max_naive_vs_saving"] = Ratio(r.TickMsMaxNaive, r.TickMsMaxSaving),
        ["stored_vs_reference_zstd1"] = Ratio(r.StoredBytes, r.ReferenceZstd1Bytes),
        ["save_ms_vs_reference_zstd1_ms"] = Ratio(r.SaveMsMedian, r.ReferenceZstd1Ms),
        ["load_ms_vs_save_ms"] = Ratio(r.LoadMsMedian, r.SaveMsMedian),
        ["delta_bytes_vs_full"] = Ratio(r.DeltaBytesMedian, r.FullBytesMedian),
        ["delta_ms_vs_full"] = Ratio(r.DeltaMsMedian, r.FullMsMedian),
        ["chain_load_vs_full_load"] = Ratio(r.ChainLoadMsMedian, r.LoadMsMedian),
        ["peak_rss_vs_world"] = Ratio(r.PeakRssBytes, r.WorldBytes),
    };

    private static double Ratio(double a, double b) => b == 0 ? 0 : Math.Round(a / b, 4);

    private static string Table(ScenarioReport r)
    {
        var lines = new List<string>
        {
            $"autosave scenario: {r.Entities:N0} entities, {r.WorldBytes / 1e6:0.0} MB, {r.SecondsPerPhase} s per phase at {r.TickRate} ticks/s, autosave every {r.AutosaveIntervalSeconds} s",
            $"machine: {r.Machine}",
            "",
            "| measure | value |",
            "| --- | --- |",
        };
        foreach (var property in typeof(ScenarioReport).GetProperties())
        {
            if (property.PropertyType == typeof(double) || property.PropertyType == typeof(long) || property.PropertyType == typeof(int))
            {
                var name = property.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false).Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().First().Name;
                lines.Add($"| {name} | {Convert.ToDouble(property.GetValue(r), System.Globalization.CultureInfo.InvariantCulture):0.####} |");
            }
        }

        foreach (var (name, value) in r.Ratios) lines.Add($"| ratio {name} | {value:0.###} |");
        return string.Join(Environment.NewLine, lines);
    }

    internal static string Machine()
    {
        var cpu = "";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        }
        catch (IOException)
        {
        }

        return $"{cpu} x{Environment.ProcessorCount}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
