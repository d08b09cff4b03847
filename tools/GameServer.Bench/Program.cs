using System.CommandLine;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GameServer.Cli;

namespace GameServer.Bench;

/// <summary>
/// gamebench: <c>bdn [BenchmarkDotNet args]</c> runs the micro-benchmarks (e.g. <c>bdn --filter *Capture*</c>),
/// <c>codecs</c> the codec table, <c>autosave</c> the end-to-end tick-loop scenario, <c>delta-policy</c> the delta
/// policy table, <c>net</c> the same tick loop with players, <c>stores</c> the autosave into a local folder vs
/// Azure Blob Storage (a local Azurite).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => ToolCommandLine.Run(CreateCommand(), args, Console.Out, Console.Error);

    private static ToolCommand CreateCommand()
    {
        var root = ToolCommandLine.CreateRoot("gamebench", "Benchmarks of the autosave module and the server's tick loop.", typeof(Program).Assembly);
        root.Subcommands.Add(Bdn());
        root.Subcommands.Add(Codecs());
        root.Subcommands.Add(Autosave());
        root.Subcommands.Add(DeltaPolicy());
        root.Subcommands.Add(DeltaKernels());
        root.Subcommands.Add(Net());
        root.Subcommands.Add(StoresCommand());
        return root;
    }

    private static ToolCommand Bdn()
    {
        var command = new ToolCommand("bdn", "BenchmarkDotNet suites: CaptureBenchmarks, DirtyTrackingBenchmarks, EncodeBenchmarks, LoadBenchmarks, WriteBenchmarks.")
        {
            Summary = "BenchmarkDotNet suites (arguments after 'bdn' go to BenchmarkDotNet)",
            Usage = "[--filter PATTERN] [BenchmarkDotNet options]",
            Epilogue = "Examples: gamebench bdn --filter '*CaptureBenchmarks*'; gamebench bdn --list flat",
            // Everything after 'bdn' belongs to BenchmarkDotNet, which validates it.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(result =>
        {
            // In-process: BenchmarkDotNet's generated project cannot find an exe whose assembly name
            // (gamebench) differs from its project name, and in-process runs skip a rebuild per suite.
            var config = DefaultConfig.Instance
                .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1)
                    .WithToolchain(InProcessEmitToolchain.Instance))
                .WithOptions(ConfigOptions.JoinSummary);
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. result.UnmatchedTokens], config);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ToolCommand Codecs()
    {
        var command = new ToolCommand("codecs", "Encode + write + load per codec and filter against zstd-1 on the raw bytes, on the benchmark world.")
        {
            Summary = "codec table: encode, write and load per codec vs zstd-1 on raw bytes",
            Usage = "[--entities N] [--reps N]",
        };
        var entities = command.AddValue("--entities", "N", "entities of the benchmark world, 1000 to 50000000 (default 1000000)");
        var reps = command.AddValue("--reps", "N", "measured repetitions after one warm-up, 1 to 1000 (default 7)");
        command.SetAction(result => global::GameServer.Bench.Codecs.CodecComparison.Run(
            OptionValues.Int(result, entities, 1_000_000, 1_000, 50_000_000), OptionValues.Int(result, reps, 7, 1, 1000)));
        return command;
    }

    private static ToolCommand Autosave()
    {
        var command = new ToolCommand("autosave", "The tick loop at 30 ticks/s over the demo game: no saving, our autosave, then the naive save on the tick thread.")
        {
            Summary = "end-to-end tick-loop scenario: no saving, our autosave, the naive save",
            Usage = "[--entities N] [--seconds S] [--interval 2s] [--churn demo|scattered] [--json] [--timeline OUT.svg]",
        };
        var shared = ScenarioOptions.AddTo(command, "time between autosaves (and naive saves): 1s, 500ms or seconds, 100ms to 3600s (default 2s)");
        var seconds = command.AddValue("--seconds", "S", "seconds per phase, 1 to 3600 (default 20)");
        var timeline = command.AddValue("--timeline", "OUT.svg", "also draw the tick durations of both phases to OUT.svg");
        command.SetAction(result =>
        {
            var run = shared.Read(result);
            return Scenario.AutosaveScenario.Run(
                run.Entities, OptionValues.Int(result, seconds, 20, 1, 3600), run.Json, result.GetValue(timeline), run.Churn, run.Interval);
        });
        return command;
    }

    private static ToolCommand DeltaPolicy()
    {
        var command = new ToolCommand("delta-policy", "Per delta policy (a full save every 5, 10, 20, 40 deltas; chain bytes fraction 0.25, 0.5, 1): bytes written per save, delta time, and the load of the chain at its longest, from one measured chain of 40 deltas.")
        {
            Summary = "choose the delta policy defaults: bytes per save, delta time, worst chain load per policy",
            Usage = "[--entities N] [--interval 2s] [--churn demo|scattered] [--json]",
        };
        var shared = ScenarioOptions.AddTo(command, "churn between two saves, as ticks of this much time at 30 ticks/s: 1s, 500ms or seconds (default 2s)");
        command.SetAction(result =>
        {
            var run = shared.Read(result);
            return Scenario.DeltaPolicyScenario.Run(run.Entities, run.Interval, run.Churn, run.Json);
        });
        return command;
    }

    private static ToolCommand DeltaKernels()
    {
        var command = new ToolCommand("delta-kernels", "Where one delta encode and one chain load spend their time (shuffle, zstd, checksum; read, decompress, unshuffle, XOR), and the same work per zstd level, with and without shuffle, and with the fused unshuffle+XOR: A/B in one process.")
        {
            Summary = "profile of the delta encode and chain load kernels, A/B per setting",
            Usage = "[--entities N] [--interval 2s] [--churn demo|scattered] [--deltas N]",
        };
        var entities = command.AddValue("--entities", "N", "entities of the demo world, 1000 to 50000000 (default 1000000)");
        var interval = command.AddValue("--interval", "DURATION", "churn between two saves, as ticks of this much time at 30 ticks/s (default 2s)");
        var churn = command.AddValue("--churn", "KIND", "demo (default) or scattered, as for autosave");
        var deltas = command.AddValue("--deltas", "N", "deltas in the measured chain, 1 to 40 (default 9: the longest chain of the default policy)");
        command.SetAction(result => Scenario.DeltaKernelsScenario.Run(
            OptionValues.Int(result, entities, 1_000_000, 1_000, 50_000_000), IntervalOption.Value(result, interval, TimeSpan.FromSeconds(2)),
            ScenarioOptions.ParseChurn(result.GetValue(churn)), OptionValues.Int(result, deltas, 9, 1, 40)));
        return command;
    }

    private static ToolCommand Net()
    {
        var command = new ToolCommand("net", "The tick loop with players: gamebot clients (a child process) measure input round trip and update gaps with no saving, our autosave, then the naive save.")
        {
            Summary = "networked scenario: what players feel with no saving, our autosave, the naive save",
            Usage = "[--entities N] [--bots N] [--seconds S] [--json] [--bot gamebot.dll]",
        };
        var entities = command.AddValue("--entities", "N", "entities of the demo world, 1000 to 50000000 (default 200000)");
        var bots = command.AddValue("--bots", "N", "simulated players, 1 to 1000 (default 200)");
        var seconds = command.AddValue("--seconds", "S", "seconds per phase, 1 to 3600 (default 20)");
        var json = command.AddFlag("--json", "print the results as one JSON object");
        var bot = command.AddValue("--bot", "PATH", "gamebot.dll to run (default: the build beside this one)");
        command.SetAction(result => Network.NetScenario.Run(
            OptionValues.Int(result, entities, 200_000, 1_000, 50_000_000), OptionValues.Int(result, bots, 200, 1, 1000),
            OptionValues.Int(result, seconds, 20, 1, 3600), result.GetValue(json), result.GetValue(bot)));
        return command;
    }

    private static ToolCommand StoresCommand()
    {
        var command = new ToolCommand("stores", "Our autosave in the server's tick pipeline into a local folder, then into Azure Blob Storage (an Azurite it starts on loopback from tools/azurite, with --disableTelemetry): full and delta save times, a load, tick p99 saving vs idle per store.")
        {
            Summary = "autosave into a local folder vs Azure Blob Storage (local Azurite): save times and tick p99",
            Usage = "[--entities N] [--seconds S] [--churn demo|scattered] [--json] [--azurite DIR] [--azurite-nice N] [--warmup-saves N] [--only folder|azblob] [--checksum none|md5|crc64] [--upload-parallelism N] [--upload-nice N] [--save-nice N]",
        };
        var shared = ScenarioOptions.AddTo(command);
        var seconds = command.AddValue("--seconds", "S", "seconds of saving (and as many idle) per store, 1 to 3600 (default 20)");
        var azurite = command.AddValue("--azurite", "DIR", "the npm-installed Azurite folder (default: tools/azurite of this repository)");
        var azuriteNice = command.AddValue("--azurite-nice", "N", "nice value of Azurite, 0 to 19 (default 19: it stands in for a remote service, whose CPU is not the server's; 0 to let it compete)");
        var warmUp = command.AddValue("--warmup-saves", "N", "saves before measuring, 1 to 1000 (default: at least 70, then until the JIT is quiet: steady state)");
        var only = command.AddValue("--only", "STORE", "measure one store only: folder or azblob (default: both)");
        var checksum = command.AddValue("--checksum", "KIND", "transactional checksum of each staged block: none (default), md5 or crc64");
        var parallelism = command.AddValue("--upload-parallelism", "N", "blocks uploaded at once, 1 to 16 (default: the store's default)");
        var uploadNice = command.AddValue("--upload-nice", "N", "nice increment of the upload threads, 0 to 19 (default: the store's default)");
        var saveNice = command.AddValue("--save-nice", "N", "nice increment of the autosave thread, 0 to 19 (default: the autosave default)");
        command.SetAction(result =>
        {
            var run = shared.Read(result);
            int? warmUpSaves = result.GetValue(warmUp) is null ? null : OptionValues.Int(result, warmUp, 70, 1, 1000);
            var defaults = new Stores.StoreTuning();
            var tuning = new Stores.StoreTuning
            {
                Stores = result.GetValue(only) ?? "both",
                Checksum = result.GetValue(checksum) is { } kind ? Enum.Parse<GameServer.Persistence.AzureBlob.BlockChecksum>(kind, ignoreCase: true) : defaults.Checksum,
                UploadParallelism = OptionValues.Int(result, parallelism, defaults.UploadParallelism, 1, 16),
                UploadNice = OptionValues.Int(result, uploadNice, defaults.UploadNice, 0, 19),
                SaveThreadNice = OptionValues.Int(result, saveNice, defaults.SaveThreadNice, 0, 19),
            };
            return Stores.StoreComparison.Run(
                run.Entities, OptionValues.Int(result, seconds, 20, 1, 3600), run.Json, run.Churn, result.GetValue(azurite), OptionValues.Int(result, azuriteNice, 19, 0, 19), tuning, warmUpSaves);
        });
        return command;
    }
}
