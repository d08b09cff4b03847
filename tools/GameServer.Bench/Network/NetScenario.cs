using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GameServer.Bench.Scenario;
using GameServer.Cli;
using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.Server.Hosting;
using GameServer.Server.Network.Players;
using GameServer.Server.Ticking;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Network;

/// <summary>
/// <c>gamebench net</c>: the server's tick pipeline with players (the real game port on loopback) over the
/// demo world, and <c>gamebot</c> clients in a child process, in three phases in one run: no saving, our
/// autosave every 2 s, the naive save on the tick thread every 2 s. Per phase, what the clients measured
/// (input round trip p99, the largest gap between two state updates) and what the tick thread did.
/// </summary>
/// <remarks>
/// Each phase runs its own gamebot process for the phase's length; the bots keep their tokens in one file, so
/// every phase plays the same players' entities. Between phases the server ticks until the last phase's
/// players have left.
/// </remarks>
public static class NetScenario
{
    public const int TickRate = 30;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <exception cref="UsageException">gamebot.dll is not where it is looked for.</exception>
    public static int Run(int entities, int bots, int seconds, bool json, string? botDll)
    {
        botDll ??= BotProcess.Locate();
        if (!File.Exists(botDll)) throw new UsageException($"gamebot not found at {botDll} (build tools/GameServer.Bot or pass --bot PATH)");

        var interval = TimeSpan.FromSeconds(2);
        var folder = Path.Combine(Path.GetTempPath(), "gamebench-net-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            var game = new DemoGame();
            var settings = new GameSettings(entities, Seed: 1, TickRate);
            var world = game.Generate(settings);
            var options = new PlayerNetworkOptions { Port = 0, Bind = "127.0.0.1", MaxPlayers = bots + 16, ConnectionKey = "gamebench" };
            using var network = new PlayerNetwork(world, options, TickRate);
            var input = new TickInbox();
            var simulation = game.CreateSimulation(world, settings);
            TickPipeline Pipeline(ITickStage capture) => TickPipeline.WithPlayers(world, input, network.InputStage, simulation, network.StateStage, capture);

            // One buffer each: autosave's buffer holds its delta base, which the naive saver must not overwrite.
            var pool = new SnapshotPool(maxSnapshots: 1);
            var naivePool = new SnapshotPool(maxSnapshots: 1);
            using var autosave = new AutosaveService(new AutosaveOptions { WorldName = "bench", Interval = interval }, pool, new LocalFolderStore(Path.Combine(folder, "ours")));
            var capture = new AutosaveCaptureStage(autosave);
            var naiveStore = new LocalFolderStore(Path.Combine(folder, "naive"));
            var writer = new SaveWriter(naiveStore, freeSpaceMarginBytes: 0);
            using var encoder = new SnapshotEncoder();
            var naiveSave = new NaiveSaveStage(naivePool, encoder, writer, every: (int)(interval.TotalSeconds * TickRate));

            // One save each way before measuring: JIT and first-use setup are not steady state.
            autosave.SaveAndWait(world, SaveKind.Auto, null, TimeSpan.FromMinutes(2));
            using (var warm = naivePool.Capture(world)) writer.WriteAsync(encoder.PrepareFull(warm, "bench", "auto", ""), "warmup.gsav").GetAwaiter().GetResult();

            var report = new NetScenarioReport
            {
                Entities = entities,
                Bots = bots,
                SecondsPerPhase = seconds,
                TickRate = TickRate,
                UpdateIntervalMs = 1000.0 * network.TicksPerUpdate / TickRate,
                AutosaveIntervalSeconds = interval.TotalSeconds,
                Machine = AutosaveScenario.Machine(),
            };
            var tokens = Path.Combine(folder, "bots.tokens");
            var idlePipeline = Pipeline(new NoCaptureStage());
            (string Name, TickPipeline Pipeline, Func<long> Saves)[] phases =
            [
                ("idle", idlePipeline, () => 0),
                ("ours", Pipeline(capture), () => capture.SavesStarted),
                ("naive", Pipeline(naiveSave), () => naiveSave.SavesStarted),
            ];
            foreach (var (name, pipeline, saves) in phases)
            {
                report.Phases[name] = RunPhase(pipeline, network, saves, botDll, bots, seconds, tokens);
                Drain(idlePipeline, network);
            }

            Judge(report);
            Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Table(report));
            return report.Phases.Values.All(p => p.BotsJoined == bots) ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static NetPhaseReport RunPhase(TickPipeline pipeline, PlayerNetwork network, Func<long> saves, string botDll, int bots, int seconds, string tokens)
    {
        var runner = new NetPhaseRunner(pipeline, network, saves, TickRate, seconds);
        using var process = BotProcess.Start(botDll, network.Port, network.Options.ConnectionKey, bots, seconds, tokens);
        runner.Run(bots, process.Exited);
        var bot = process.Report(TimeSpan.FromSeconds(60));
        return new NetPhaseReport
        {
            BotsJoined = Math.Min(bots, bot.GetProperty("joins").GetInt32()),
            BotDrops = bot.GetProperty("drops").GetInt32(),
            RoundTrips = bot.GetProperty("round_trips").GetInt64(),
            RttMsP50 = bot.GetProperty("rtt_p50_ms").GetDouble(),
            RttMsP99 = bot.GetProperty("rtt_p99_ms").GetDouble(),
            RttMsMax = bot.GetProperty("rtt_max_ms").GetDouble(),
            MaxUpdateGapMs = bot.GetProperty("max_update_gap_ms").GetDouble(),
            UpdatesPerSecond = bot.GetProperty("updates_per_second").GetDouble(),
            BytesPerSecond = bot.GetProperty("bytes_per_second").GetDouble(),
            Saves = runner.Saves,
            Ticks = runner.Durations.Count,
            TickMsP99 = Stats.Percentile(runner.Durations, 0.99),
            TickMsMax = Stats.Max(runner.Durations),
            AllocBytesPerTick = runner.AllocBytesPerTick,
        };
    }

    // The leaves of the bots that just exited, processed before the next phase's bots join as the same names.
    private static void Drain(TickPipeline pipeline, PlayerNetwork network)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 15);
        while ((network.Connections > 0 || network.Roster.Online.Count > 0) && Stopwatch.GetTimestamp() < deadline)
        {
            pipeline.RunTick();
            Thread.Sleep(1000 / TickRate);
        }
    }

    private static void Judge(NetScenarioReport r)
    {
        var idle = r.Phases["idle"];
        var ours = r.Phases["ours"];
        var naive = r.Phases["naive"];
        r.Ratios["rtt_p99_ours_vs_idle"] = Ratio(ours.RttMsP99, idle.RttMsP99);
        r.Ratios["rtt_p99_naive_vs_idle"] = Ratio(naive.RttMsP99, idle.RttMsP99);
        r.Ratios["max_gap_ours_vs_update_interval"] = Ratio(ours.MaxUpdateGapMs, r.UpdateIntervalMs);
        r.Ratios["max_gap_naive_vs_update_interval"] = Ratio(naive.MaxUpdateGapMs, r.UpdateIntervalMs);
        r.Ratios["rtt_max_naive_vs_ours"] = Ratio(naive.RttMsMax, ours.RttMsMax);
        r.TargetsMet["ours_rtt_p99_within_1_10x_idle"] = r.Ratios["rtt_p99_ours_vs_idle"] <= 1.10;
        r.TargetsMet["ours_max_gap_within_2_update_intervals"] = r.Ratios["max_gap_ours_vs_update_interval"] <= 2;
        r.TargetsMet["ours_tick_alloc_zero"] = ours.AllocBytesPerTick == 0;
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : Math.Round(a / b, 4);

    private static string Table(NetScenarioReport r)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"net scenario: {r.Entities:N0} entities, {r.Bots} bots (gamebot), {r.SecondsPerPhase} s per phase at {r.TickRate} ticks/s, state every {r.UpdateIntervalMs:0.0} ms, autosave every {r.AutosaveIntervalSeconds} s"),
            $"machine: {r.Machine}",
            "",
            "| phase | bots joined | drops | rtt p50 / p99 / max ms | max update gap ms | updates/s | saves | tick p99 / max ms | tick alloc B/tick |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        foreach (var (name, p) in r.Phases)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {name} | {p.BotsJoined} | {p.BotDrops} | {p.RttMsP50:0.0} / {p.RttMsP99:0.0} / {p.RttMsMax:0.0} | {p.MaxUpdateGapMs:0.0} | {p.UpdatesPerSecond:0} | {p.Saves} | {p.TickMsP99:0.00} / {p.TickMsMax:0.00} | {p.AllocBytesPerTick:0.#} |"));
        lines.Add("");
        foreach (var (name, value) in r.Ratios) lines.Add(string.Create(CultureInfo.InvariantCulture, $"ratio {name}: {value:0.###}"));
        foreach (var (name, met) in r.TargetsMet) lines.Add($"target {name}: {(met ? "met" : "MISSED")}");
        return string.Join(Environment.NewLine, lines);
    }
}
