using System.Globalization;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Commands.Model;

/// <summary>
/// One seeded run of random admin commands against an in-process server (real folder store, autosaves
/// running), checked step by step and at checkpoints against <see cref="CommandModel"/>. Any violation fails
/// with the seed and the last commands, so <c>Mixed_commands_match_the_reference_model(seed)</c> replays it.
/// </summary>
internal sealed partial class CommandModelRun : IDisposable
{
    /// <summary>Longer than any command takes even on a loaded machine: past it, a request was lost or deadlocked.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How much the managed heap may grow over a run (the world is ~50 KB; a leaked snapshot per command would pass it).</summary>
    private const long HeapGrowthLimit = 32L << 20;

    private const int CheckpointEvery = 60;
    private const int CheckKeep = 2;
    private static readonly double[] Intervals = [0.05, 0.1, 0.25, 0.5, 3600];

    private readonly int _seed;
    private readonly Random _random;
    private readonly TempFolder _folder = new();
    private readonly GameHost _host;
    private readonly CommandModel _model;
    private readonly List<SaveResult> _autosaves = [];
    private readonly List<(string Line, ReplyRecorder Reply)> _replies = [];
    private readonly Queue<string> _recent = new();
    private readonly HashSet<string> _checkedAutosaves = new(StringComparer.Ordinal);
    private int _nextGen = 1;
    private int _nextLabel;
    private long _heapAtFirstCheckpoint = -1;

    private CommandModelRun(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
        var options = new ServerOptions
        {
            SavesRoot = _folder.Path,
            WorldName = "model",
            TickRate = 60,
            AutosaveIntervalSeconds = 3600,
            Keep = 4,
            FullEvery = 3,
            Port = 0,
            AdminPort = 0,
            AdminKeyFile = ServerOptions.AdminDisabled,
        };
        _host = new GameHostBuilder(options).UseGame(new GenerationGame()).AddCommand(new StampCommand()).AddCommand(new GenCommand()).Build();
        var started = DateTime.UtcNow;
        _host.Start();
        _host.Autosave.SaveCompleted += Record; // the first interval is an hour: nothing is saved before this
        _model = new CommandModel(started, 3600, 4);
    }

    private string WorldFolder => _host.WorldDirectory;

    /// <summary>Runs <paramref name="operations"/> random commands from <paramref name="seed"/>; fails with the seed on any violation.</summary>
    public static async Task RunAsync(int seed, int operations)
    {
        using var run = new CommandModelRun(seed);
        try
        {
            await run.ExecuteAsync(operations);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Assert.Fail($"seed {seed}: {e.Message}\nlast commands, oldest first:\n  {string.Join("\n  ", run._recent)}\n{e.StackTrace}");
        }
    }

    public void Dispose()
    {
        _host.RequestStop();
        _host.Completion.Wait(CommandTimeout);
        _host.Dispose();
        _folder.Dispose();
    }

    private async Task ExecuteAsync(int operations)
    {
        for (var i = 0; i < operations; i++)
        {
            if (i % CheckpointEvery == CheckpointEvery - 1) await CheckpointAsync();
            await RandomOperationAsync();
            Check(_host.Pool.Outstanding <= _host.Pool.MaxSnapshots, $"{_host.Pool.Outstanding} snapshots out of a pool of {_host.Pool.MaxSnapshots}");
        }

        await CheckpointAsync();
        await ScheduledAutosavesResumeAsync();
        await CheckpointAsync();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        Check(heap - _heapAtFirstCheckpoint < HeapGrowthLimit,
            $"managed heap grew from {_heapAtFirstCheckpoint} to {heap} bytes over the run (limit +{HeapGrowthLimit})");
        foreach (var (line, reply) in _replies)
            Check(reply.Ends.Count == 1, $"'{line}' ended its reply {reply.Ends.Count} times");
    }

    private Task RandomOperationAsync()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 22 => SaveAsync(),
            < 24 => BurstOfSavesAsync(),
            < 26 => ConcurrentLoadsAsync(),
            < 33 => ScheduleOnOffAsync(),
            < 41 => IntervalAsync(),
            < 46 => KeepAsync(),
            < 60 => StampAsync(),
            < 70 => LoadAsync(),
            < 80 => WaitAsync(),
            < 88 => ProbeAsync(),
            < 91 => BadCommandAsync(),
            _ => ReadOnlyCommandAsync(),
        };
    }

    private async Task SaveAsync()
    {
        var label = _random.Next(3) == 0 ? null : $"m{_nextLabel++}";
        var name = SavedName(await CommandAsync(label is null ? "save" : $"save {label}"));
        await CheckManualSaveAsync(name, _model.Gen);
    }

    /// <summary>Several saves (and read-only commands) at once, as several remote admins might send them.</summary>
    private async Task BurstOfSavesAsync()
    {
        var lines = Enumerable.Range(0, _random.Next(2, 5)).Select(_ => $"save b{_nextLabel++}").Append("status").Append("saves").ToList();
        var replies = await Task.WhenAll(lines.Select(CommandAsync));
        foreach (var reply in replies.Where(r => r.Line.StartsWith("save ", StringComparison.Ordinal)))
            await CheckManualSaveAsync(SavedName(reply), _model.Gen);
    }

    private async Task ScheduleOnOffAsync()
    {
        var on = _random.Next(2) == 0;
        var reply = await CommandAsync(on ? "save-on" : "save-off");
        _model.ScheduleChanged(reply.Sent, reply.Acked, on, _model.Config.IntervalSeconds);
    }

    private async Task IntervalAsync()
    {
        var seconds = Intervals[_random.Next(Intervals.Length)];
        var reply = await CommandAsync(string.Create(CultureInfo.InvariantCulture, $"autosave interval {seconds}"));
        _model.ScheduleChanged(reply.Sent, reply.Acked, _model.Config.Enabled, seconds);
    }

    private async Task KeepAsync()
    {
        var keep = _random.Next(CheckKeep, 7); // never below the checkpoints' keep, so their check is exact
        await CommandAsync($"autosave keep {keep}");
        _model.SetKeep(keep);
    }

    private async Task StampAsync()
    {
        var gen = _nextGen++;
        var reply = await CommandAsync($"stamp {gen}");
        _model.GenChanged(reply.Sent, reply.Acked, gen);
    }

    private async Task ProbeAsync()
    {
        var reply = await CommandAsync("gen");
        Check(reply.Lines.Count == 1 && reply.Lines[0].StartsWith($"gen={_model.Gen} ", StringComparison.Ordinal),
            $"the world should be generation {_model.Gen}, 'gen' replied {string.Join(" | ", reply.Lines)}");
    }

    private async Task WaitAsync()
    {
        var seconds = Math.Min(0.6, _model.Config.IntervalSeconds * (1 + _random.NextDouble() * 2));
        Remember($"(wait {seconds:0.00} s)");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }

    private async Task ReadOnlyCommandAsync() => await CommandAsync(_random.Next(2) == 0 ? "status" : "saves");

    private async Task BadCommandAsync()
    {
        string[] bad = ["autosave interval 0", "autosave keep 0", "load no-such-save", "save bad/label", "save-offf"];
        var before = SaveFiles("manual-*.gsav");
        var reply = await CommandAsync(bad[_random.Next(bad.Length)], expectSuccess: false);
        Check(!reply.Outcome.Succeeded, $"'{reply.Line}' succeeded");
        Check(SaveFiles("manual-*.gsav").SetEquals(before), $"'{reply.Line}' failed but wrote a manual save");
    }

    private void Record(SaveResult result)
    {
        if (result.Kind != SaveKind.Auto) return;
        lock (_autosaves) _autosaves.Add(result);
    }

    private List<SaveResult> Autosaves()
    {
        lock (_autosaves) return [.. _autosaves];
    }

    private HashSet<string> SaveFiles(string pattern) =>
        Directory.GetFiles(WorldFolder, pattern).Select(f => Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);

    private void Remember(string line)
    {
        _recent.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        if (_recent.Count > 25) _recent.Dequeue();
    }

    private static void Check(bool condition, string violation)
    {
        if (!condition) throw new ModelViolationException(violation);
    }

    private sealed class ModelViolationException(string message) : Exception(message);
}
