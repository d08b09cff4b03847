using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GameServer.Bench;

/// <summary>
/// gamebench: <c>bdn [BenchmarkDotNet args]</c> runs the micro-benchmarks (e.g. <c>bdn --filter *Capture*</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("usage: gamebench bdn [--filter PATTERN] [BenchmarkDotNet options]");
            Console.WriteLine("       gamebench codecs [--entities N] [--reps N]");
            Console.WriteLine("       gamebench autosave [--entities N] [--seconds S] [--json] [--timeline OUT.svg]");
            Console.WriteLine("  bdn      BenchmarkDotNet suites: CaptureBenchmarks, DirtyTrackingBenchmarks, EncodeBenchmarks, LoadBenchmarks, WriteBenchmarks");
            Console.WriteLine("  codecs   encode + write + load per codec and filter vs zstd-1 on raw bytes (default 1,000,000 entities)");
            Console.WriteLine("  autosave the tick loop at 30 ticks/s: no saving, our autosave, the naive save (default 1,000,000 entities, 20 s per phase)");
            return args.Length == 0 ? 2 : 0;
        }

        switch (args[0])
        {
            case "bdn":
                // In-process: BenchmarkDotNet's generated project cannot find an exe whose assembly name
                // (gamebench) differs from its project name, and in-process runs skip a rebuild per suite.
                var config = DefaultConfig.Instance
                    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1)
                        .WithToolchain(InProcessEmitToolchain.Instance))
                    .WithOptions(ConfigOptions.JoinSummary);
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..], config);
                return 0;
            case "codecs":
                return Codecs.CodecComparison.Run(IntOption(args, "--entities", 1_000_000), IntOption(args, "--reps", 7));
            case "autosave":
                var timeline = Array.IndexOf(args, "--timeline") is var t and >= 0 && t + 1 < args.Length ? args[t + 1] : null;
                return Scenario.AutosaveScenario.Run(IntOption(args, "--entities", 1_000_000), IntOption(args, "--seconds", 20), args.Contains("--json"), timeline);
            default:
                Console.Error.WriteLine($"gamebench: unknown command '{args[0]}' (try --help)");
                return 2;
        }
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
