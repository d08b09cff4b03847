using System.Diagnostics;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Logging;

namespace GameServer.Server;

/// <summary>
/// The embeddable dedicated server: loads or generates the world, runs the fixed-rate tick loop on its
/// own thread, feeds console (and later network) input to it between ticks, autosaves on schedule, and
/// takes a final save on stop.
/// </summary>
/// <remarks>
/// Only the tick thread touches the world. Input reaches it through a bounded channel drained between
/// ticks; capture happens between ticks; everything slow runs on the autosave thread or background tasks.
/// </remarks>
public sealed partial class GameHost : ITickHandler, IDisposable
{
    private readonly ConsoleLog _log;
    private readonly TimeProvider _time;
    private readonly TickInbox _inbox = new();
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private readonly IGame _game;
    private readonly GameSettings _settings;
    private TickPipeline? _pipeline;
    private readonly TickLoop _loop;
    private long _lastOverrunLog;
    private long _loggedDrops;

    /// <summary>Creates a server for <paramref name="game"/>; nothing runs until <see cref="Start"/>.</summary>
    public GameHost(ServerOptions options, IGame game, ConsoleLog log, TimeProvider? time = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _game = game ?? throw new ArgumentNullException(nameof(game));
        _settings = new GameSettings(options.Entities, options.Seed, options.TickRate);
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _time = time ?? TimeProvider.System;
        _loop = new TickLoop(options.TickRate, options.MaxCatchUpTicks, this, _time);
        _loop.TickCompleted = OnTickCompleted;
        Commands = AdminCommands.CreateRegistry();
        Pool = new SnapshotPool(maxSnapshots: 2);
    }

    /// <summary>The settings the server runs with.</summary>
    public ServerOptions Options { get; }

    /// <summary>The live world: tick thread only (commands run there too).</summary>
    public GameWorld World { get; private set; } = null!;

    /// <summary>The autosave task.</summary>
    public AutosaveService Autosave { get; private set; } = null!;

    /// <summary>Snapshot buffers shared by autosave.</summary>
    public SnapshotPool Pool { get; }

    /// <summary>Admin commands (console and remote admin share it).</summary>
    public CommandRegistry Commands { get; }

    /// <summary>Tick durations (simulation, input and capture) over the last minute.</summary>
    public TickHistogram Ticks => _loop.Histogram;

    /// <summary>Ticks that took longer than one step.</summary>
    public long Overruns => _loop.Overruns;

    /// <summary>Where this world's saves live.</summary>
    public string WorldDirectory => Path.GetFullPath(Options.WorldDirectory);

    /// <summary>The server's log (also the console's output).</summary>
    public ConsoleLog Log => _log;

    /// <summary>Completes with the exit code once the server has stopped and taken its final save.</summary>
    public Task<int> Completion => _exit.Task;

    /// <summary>Loads the newest valid save (or generates the world), then starts the tick thread.</summary>
    /// <exception cref="StartupException">The world cannot be loaded or the save folder cannot be used.</exception>
    public void Start()
    {
        try
        {
            Directory.CreateDirectory(WorldDirectory);
            World = LoadOrGenerate();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or GameServer.World.SchemaMismatchException or InvalidDataException)
        {
            throw new StartupException($"cannot start world '{Options.WorldName}' in {WorldDirectory}: {e.Message}");
        }

        Autosave = new AutosaveService(
            new AutosaveOptions
            {
                WorldName = Options.WorldName,
                Interval = TimeSpan.FromSeconds(Options.AutosaveIntervalSeconds),
                Retention = new RetentionPolicy { KeepLatest = Options.Keep },
                Codec = SaveCodecOptions.Parse(Options.Codec),
                Writer = "gameserver",
            },
            Pool,
            new LocalFolderStorage(WorldDirectory),
            _time,
            _log);

        // Fill both pooled buffers now, so the first autosave's capture is a warm copy, not page faults.
        using (Pool.Capture(World))
        using (Pool.Capture(World))
        {
        }

        _pipeline = TickPipeline.Standard(World, _inbox, _game.CreateSimulation(World, _settings), new AutosaveCaptureStage(Autosave));
        LogStarted(Options.TickRate, Options.AutosaveIntervalSeconds, WorldDirectory);
        _thread = new Thread(RunLoop) { Name = "tick", IsBackground = false };
        _thread.Start();
    }

    /// <summary>Queues a console line for the tick thread; false when the server is stopping or the queue is full.</summary>
    public bool PostCommand(string line, ICommandOutput output) => Post(new CommandWork(this, line, output));

    /// <summary>Queues work for the tick thread between ticks; false when stopping or the queue is full.</summary>
    public bool Post(TickWork work) => !_loop.StopRequested && _inbox.TryPost(work);

    /// <summary>The input stage: work posted here runs on the tick thread at the start of the next tick.</summary>
    public TickInbox Inbox => _inbox;

    /// <summary>The stages of a tick in order (set by <see cref="Start"/>).</summary>
    public TickPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("the server has not started");

    /// <summary>Asks the loop to stop; it finishes the current tick, lets an in-flight save finish and takes a final save.</summary>
    public void RequestStop() => _loop.RequestStop();

    /// <summary>Whether a stop was requested.</summary>
    public bool StopRequested => _loop.StopRequested;

    /// <inheritdoc />
    public void Dispose()
    {
        RequestStop();
        if (_thread is { IsAlive: true } && _thread != Thread.CurrentThread) _thread.Join();
        _loop.Dispose();
    }

    private GameWorld LoadOrGenerate()
    {
        var latest = SaveLoader.LoadLatest(WorldDirectory);
        foreach (var skipped in latest.Skipped) LogSkipped(skipped.Path, skipped.Reason);
        if (latest.Snapshot is { } snapshot)
        {
            using (snapshot)
            {
                var world = new GameWorld(_game.CreateSchema(), Math.Max(1024, snapshot.Count + (snapshot.Count / 8)));
                var report = world.Restore(snapshot);
                LogLoaded(latest.Entry!.Path, world.Tick, world.Count);
                if (report.DefaultedColumns.Count > 0) LogDefaulted(string.Join(", ", report.DefaultedColumns));
                if (report.IgnoredColumns.Count > 0) LogIgnored(string.Join(", ", report.IgnoredColumns));
                return world;
            }
        }

        var generated = _game.Generate(_settings);
        LogGenerated(Options.WorldName, Options.Seed, generated.Tick, generated.Count);
        return generated;
    }

    private void RunLoop()
    {
        try
        {
            _loop.Run();
        }
        finally
        {
            Shutdown();
        }
    }

    /// <summary>One tick: queued input, the game's simulation, the autosave capture.</summary>
    void ITickHandler.RunTick() => _pipeline!.RunTick();

    private void OnTickCompleted(double ms)
    {
        if (ms > _loop.StepMilliseconds && RateLimitOk()) LogOverrun(World.Tick, ms, _loop.StepMilliseconds);
        if (_loop.Clock.DroppedSteps > _loggedDrops && RateLimitOk())
        {
            LogFellBehind(_loop.Clock.DroppedSteps - _loggedDrops);
            _loggedDrops = _loop.Clock.DroppedSteps;
        }
    }

    private bool RateLimitOk()
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _lastOverrunLog < Stopwatch.Frequency * 5) return false;
        _lastOverrunLog = now;
        return true;
    }

    private void Shutdown()
    {
        var code = 0;
        _inbox.Close();
        try
        {
            LogStopping(World.Tick);
            var result = Autosave.SaveAndWait(World, SaveKind.Auto, null, TimeSpan.FromMinutes(2));
            if (result.Succeeded)
            {
                LogFinalSave(result.Path!, result.Tick);
            }
            else
            {
                LogFinalSaveFailed(result.Error ?? "unknown error");
                code = 1;
            }

            Autosave.Dispose();
        }
        catch (Exception e)
        {
            _log.LogError(e, "shutdown failed");
            code = 1;
        }

        LogStopped(code);
        _exit.TrySetResult(code);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "server running: {TickRate} ticks/s, autosave every {Interval} s into {Folder}; type 'help' for commands")]
    private partial void LogStarted(int tickRate, double interval, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "skipped save {File}: {Reason}")]
    private partial void LogSkipped(string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "loaded {File}: tick={Tick} entities={Entities}")]
    private partial void LogLoaded(string file, long tick, int entities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "columns missing from the save took their defaults: {Columns}")]
    private partial void LogDefaulted(string columns);

    [LoggerMessage(Level = LogLevel.Warning, Message = "columns in the save that this server does not know were ignored: {Columns}")]
    private partial void LogIgnored(string columns);

    [LoggerMessage(Level = LogLevel.Information, Message = "no valid save found; generated world '{World}' from seed {Seed}: tick={Tick} entities={Entities}")]
    private partial void LogGenerated(string world, int seed, long tick, int entities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tick {Tick} took {Ms:0.0} ms (budget {Budget:0.0} ms)")]
    private partial void LogOverrun(long tick, double ms, double budget);

    [LoggerMessage(Level = LogLevel.Warning, Message = "fell behind: dropped {Steps} ticks of backlog")]
    private partial void LogFellBehind(long steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping at tick {Tick}: finishing saves and taking a final save")]
    private partial void LogStopping(long tick);

    [LoggerMessage(Level = LogLevel.Information, Message = "final save {File} at tick {Tick}")]
    private partial void LogFinalSave(string file, long tick);

    [LoggerMessage(Level = LogLevel.Error, Message = "final save failed: {Reason}")]
    private partial void LogFinalSaveFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped (exit code {Code})")]
    private partial void LogStopped(int code);
}
