using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Scenario;

/// <summary>
/// <c>gamebench delta-policy</c>: what each delta policy (full save every N deltas, chain bytes fraction F)
/// costs in bytes written per save, delta time and chain load time at the chain's worst point, to choose
/// the defaults by measurement.
/// </summary>
/// <remarks>
/// One real run feeds every policy: full saves with deltas off (their bytes and time), then one chain of a
/// full save and <see cref="MaxChain"/> deltas, one autosave interval of the churn apart, through the real
/// <see cref="AutosaveService"/>. A delta's size and time depend on the churn since the previous save, not on
/// its place in the chain, so each policy's chain is the prefix of that one the policy would have taken
/// (<see cref="DeltaPolicy.AllowsDelta"/>'s rule), and its worst-point load is the measured load of the
/// chain's last delta. Ticks run unpaced (the churn per tick is what matters, not the wall clock).
/// </remarks>
public static class DeltaPolicyScenario
{
    /// <summary>Longest chain measured: the largest full-every of the table.</summary>
    public const int MaxChain = 40;

    private static readonly int[] FullEveryValues = [5, 10, 20, 40];
    private static readonly double[] FractionValues = [0.25, 0.5, 1.0];
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static int Run(int entities, TimeSpan interval, string churn, bool json)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gamebench-delta-policy-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            var game = new DemoGame();
            var settings = new GameSettings(entities, Seed: 1, AutosaveScenario.TickRate);
            var world = game.Generate(settings);
            var simulation = ChurnKinds.Simulation(game, world, settings, churn);
            var ticks = TickPipeline.Standard(world, new TickInbox(), simulation, new NoCaptureStage());
            var ticksPerSave = ChurnKinds.TicksPerSave(interval);
            var pool = new SnapshotPool(maxSnapshots: 1); // as the server: one buffer, which holds the delta base

            var fulls = Saves(new LocalFolderStore(Path.Combine(folder, "full")), pool, DeltaPolicy.Off, world, ticks, ticksPerSave, count: 4).Skip(1).ToList();
            var chainStore = new LocalFolderStore(Path.Combine(folder, "chain"));
            var longChain = new DeltaPolicy { FullEvery = MaxChain, MaxChainFraction = double.MaxValue };
            var chain = Saves(chainStore, pool, longChain, world, ticks, ticksPerSave, count: MaxChain + 1);
            if (chain.Any(r => !r.Succeeded) || chain[^1].ChainIndex != MaxChain)
                throw new InvalidOperationException($"the measured chain broke off: {chain.FirstOrDefault(r => !r.Succeeded)?.Error ?? "a save was not a delta"}");

            var report = new DeltaPolicyReport
            {
                Entities = entities,
                Churn = churn,
                AutosaveIntervalSeconds = interval.TotalSeconds,
                WorldBytes = chain[0].RawBytes,
                FullBytesMedian = Stats.Median(fulls.Select(r => (double)r.StoredBytes)),
                FullMsMedian = Stats.Median(fulls.Select(SaveMs)),
                DeltaBytes = chain.Skip(1).Select(r => r.StoredBytes).ToList(),
                DeltaMs = chain.Skip(1).Select(r => Math.Round(SaveMs(r), 3)).ToList(),
                Machine = AutosaveScenario.Machine(),
            };
            (report.FullLoadMsMedian, report.FullLoadCpuMsMedian) = LoadMs(chainStore, chain[0].Name!, reps: 5);

            var loads = new Dictionary<int, (double Wall, double Cpu)>();
            foreach (var fullEvery in FullEveryValues)
            {
                foreach (var fraction in FractionValues)
                {
                    var length = ChainLength(report.DeltaBytes, report.FullBytesMedian, fullEvery, fraction);
                    if (!loads.TryGetValue(length, out var load)) loads[length] = load = LoadMs(chainStore, chain[length].Name!, reps: 3);
                    report.Policies.Add(Row(report, fullEvery, fraction, length, load));
                }
            }

            Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Table(report));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Deltas a chain reaches under the policy: delta j (from 1) is taken while j - 1 &lt; N and the deltas before
    /// it add up to at most F of the full save, as <see cref="DeltaPolicy.AllowsDelta"/> decides.
    /// </summary>
    public static int ChainLength(IReadOnlyList<long> deltaBytes, double fullBytes, int fullEvery, double fraction)
    {
        ArgumentNullException.ThrowIfNull(deltaBytes);
        long sum = 0;
        var length = 0;
        while (length < deltaBytes.Count && length < fullEvery && sum <= fraction * fullBytes)
        {
            sum += deltaBytes[length];
            length++;
        }

        return length;
    }

    private static DeltaPolicyRow Row(DeltaPolicyReport r, int fullEvery, double fraction, int length, (double Wall, double Cpu) load)
    {
        var deltas = r.DeltaBytes.Take(length).ToList();
        var deltaMs = r.DeltaMs.Take(length).ToList();
        return new DeltaPolicyRow
        {
            FullEvery = fullEvery,
            MaxChainFraction = fraction,
            ChainLength = length,
            BytesPerSave = Math.Round((r.FullBytesMedian + deltas.Sum()) / (length + 1)),
            MsPerSave = Math.Round((r.FullMsMedian + deltaMs.Sum()) / (length + 1), 3),
            DeltaMsMedian = Stats.Median(deltaMs),
            WorstChainLoadMs = Math.Round(load.Wall, 3),
            WorstChainLoadVsFull = r.FullLoadMsMedian > 0 ? Math.Round(load.Wall / r.FullLoadMsMedian, 3) : 0,
            WorstChainLoadCpuMs = Math.Round(load.Cpu, 3),
            WorstChainLoadCpuVsFull = r.FullLoadCpuMsMedian > 0 ? Math.Round(load.Cpu / r.FullLoadCpuMsMedian, 3) : 0,
            IsDefault = fullEvery == new DeltaPolicy().FullEvery && fraction == new DeltaPolicy().MaxChainFraction,
        };
    }

    // A full save (or one with deltas off) first, then count - 1 more, ticksPerSave ticks of churn apart.
    private static List<SaveResult> Saves(ISaveStore store, SnapshotPool pool, DeltaPolicy policy, GameWorld world, TickPipeline ticks, int ticksPerSave, int count)
    {
        var options = new AutosaveOptions
        {
            WorldName = "bench",
            Interval = TimeSpan.FromDays(1), // only the saves asked for here
            Deltas = policy,
            Retention = new RetentionPolicy { KeepLatest = MaxChain + 10 },
        };
        var results = new List<SaveResult>();
        using var autosave = new AutosaveService(options, pool, store);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                for (var t = 0; t < ticksPerSave; t++) ticks.RunTick();
            }

            results.Add(autosave.SaveAndWait(world, SaveKind.Auto, null, TimeSpan.FromMinutes(5)));
        }

        return results;
    }

    private static double SaveMs(SaveResult r) => (r.EncodeDuration + r.WriteDuration).TotalMilliseconds;

    // Wall and CPU time of the loading thread (the load is single-threaded): medians of reps after one warm-up
    // (page cache, JIT).
    private static (double Wall, double Cpu) LoadMs(ISaveStore store, string name, int reps)
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var rep = 0; rep <= reps; rep++)
        {
            var cpu0 = ThreadCpuClock.CurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            using (SaveLoader.LoadAsync(store, name).GetAwaiter().GetResult())
            {
            }

            if (rep == 0) continue;
            wall.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            cpu.Add((ThreadCpuClock.CurrentThread() - cpu0).TotalMilliseconds);
        }

        return (Stats.Median(wall), Stats.Median(cpu));
    }

    private static string Table(DeltaPolicyReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"delta policy: {r.Entities:N0} entities ({r.WorldBytes / 1e6:0.0} MB), {r.Churn} churn, a save every {r.AutosaveIntervalSeconds.ToString(c)} s of ticks",
            $"full save {r.FullBytesMedian / 1e6:0.00} MB in {r.FullMsMedian:0.0} ms; full load {r.FullLoadMsMedian:0.0} ms (CPU {r.FullLoadCpuMsMedian:0.0} ms); delta median {Stats.Median(r.DeltaBytes.Select(b => (double)b)) / 1e6:0.000} MB in {Stats.Median(r.DeltaMs):0.0} ms",
            $"machine: {r.Machine}",
            "",
            "| full every | chain fraction | deltas per chain | bytes per save | ms per save | delta ms median | worst chain load ms | worst load / full load | same, CPU time |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        foreach (var p in r.Policies)
        {
            lines.Add(string.Create(c, $"| {p.FullEvery}{(p.IsDefault ? " (default)" : "")} | {p.MaxChainFraction} | {p.ChainLength} | {p.BytesPerSave / 1e6:0.000} MB | {p.MsPerSave:0.0} | {p.DeltaMsMedian:0.0} | {p.WorstChainLoadMs:0.0} | {p.WorstChainLoadVsFull:0.00}x | {p.WorstChainLoadCpuVsFull:0.00}x |"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
