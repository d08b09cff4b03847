using System.Net.Sockets;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Commands;
using GameServer.Server.Metrics;
using GameServer.Server.Network.Admin;
using GameServer.Server.Network.Players;
using GameServer.Server.Saves;
using GameServer.Server.Settings;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Hosting;

/// <summary>
/// A running server, composed by <see cref="GameHostBuilder"/>: loads or generates the game's world, runs
/// the tick pipeline on its own thread, takes commands from any caller, autosaves on schedule, and takes a
/// final save on stop.
/// </summary>
/// <remarks>
/// Only the tick thread touches the world. Commands and other input reach it through the
/// <see cref="TickInbox"/> drained at the start of each tick; capture happens at the end of the tick;
/// everything slow runs on the autosave thread or the thread pool.
/// </remarks>
public sealed partial class GameHost : IStopControl, IDisposable
{
    private readonly IGame _game;
    private readonly GameSettings _settings;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly TickInbox _inbox = new();
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;
    private TickLoop? _loop;
    private CommandServices? _services;
    private Thread? _thread;
    private PlayerNetwork? _players;
    private IWriterLease? _lease;
    private WorldIdentity? _identity;
    private long _nextSequence;
    private PrometheusEndpoint? _metricsEndpoint;

    internal GameHost(ServerOptions options, IGame game, string worldDirectory, CommandRegistry commands, ILogger log, TimeProvider time)
    {
        Options = options;
        _game = game;
        _settings = new GameSettings(options.Entities, options.Seed, options.TickRate);
        WorldDirectory = Path.GetFullPath(worldDirectory);
        Commands = commands;
        _log = log;
        _time = time;
    }

    /// <summary>The settings the server runs with.</summary>
    public ServerOptions Options { get; }

    /// <summary>Where this world's saves live.</summary>
    public string WorldDirectory { get; }

    /// <summary>This world's saves (the folder <see cref="WorldDirectory"/>; set by <see cref="Start"/>).</summary>
    public ISaveStore Store { get; private set; } = null!;

    /// <summary>Admin commands (console and remote admin share it).</summary>
    public CommandRegistry Commands { get; }

    /// <summary>
    /// The one snapshot buffer of autosave: it holds the last committed save (the base of the next delta); a
    /// capture copies the changed chunks into it, recording their difference.
    /// </summary>
    public SnapshotPool Pool { get; } = new(maxSnapshots: 1);

    /// <summary>The live world (set by <see cref="Start"/>): tick thread only, or once the server has stopped.</summary>
    public GameWorld World { get; private set; } = null!;

    /// <summary>The autosave task (set by <see cref="Start"/>).</summary>
    public AutosaveService Autosave { get; private set; } = null!;

    /// <summary>The stages of a tick in order (set by <see cref="Start"/>).</summary>
    public TickPipeline Pipeline { get; private set; } = null!;

    /// <summary>Tick rate, durations over the last minute and overruns (set by <see cref="Start"/>).</summary>
    public ITickStatistics Ticks => _loop ?? throw new InvalidOperationException("the server has not started");

    /// <summary>The players' port, when the game's world has player columns (set by <see cref="Start"/>).</summary>
    public PlayerNetwork? Players => _players;

    /// <summary>The server's instruments (meter <see cref="ServerMetrics.MeterName"/>; set by <see cref="Start"/>).</summary>
    public ServerMetrics? Metrics { get; private set; }

    /// <summary>Where Prometheus scrapes the metrics, when <see cref="ServerOptions.MetricsPort"/> is set (set by <see cref="Start"/>).</summary>
    public Uri? MetricsUrl => _metricsEndpoint?.Url;

    /// <summary>The remote admin listener (set by <see cref="Start"/>); null when remote admin is off.</summary>
    public AdminListener? Admin { get; private set; }

    /// <summary>Completes with the exit code once the server has stopped and taken its final save.</summary>
    public Task<int> Completion => _exit.Task;

    /// <inheritdoc />
    public bool StopRequested => _stopRequested;

    /// <summary>Takes the world's writer lease, loads the newest valid save (or generates the world), then starts the tick thread.</summary>
    /// <exception cref="StartupException">Another server holds the world (exit code 2), or the world cannot be loaded or the save folder cannot be used.</exception>
    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("the server is already started");
        StartMetricsEndpoint();
        LoadedWorld loaded;
        try
        {
            Store = OpenStore();
            // Before loading: a second server on the same world must not even read what the first is rotating.
            _lease = Store.AcquireWriterLeaseAsync().GetAwaiter().GetResult();
            loaded = new WorldLoader(_game, _settings, _log).LoadOrGenerate(Store, Options.WorldName, Pool, out var identity, out var nextSequence);
            World = loaded.World;
            _identity = identity;
            _nextSequence = nextSequence;
        }
        catch (WriterLeaseUnavailableException e)
        {
            throw new StartupException(
                $"world '{Options.WorldName}' in {StoreLocation} is in use by another server ({e.Holder?.ToString() ?? "holder unknown"}); stop it first or choose another --world", exitCode: 2);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SchemaMismatchException or InvalidDataException)
        {
            ReleaseLease();
            throw new StartupException($"cannot start world '{Options.WorldName}' in {StoreLocation}: {e.Message}");
        }

        Autosave = new AutosaveService(AutosaveOptions(), Pool, Store, _time, _log);

        if (loaded.Base is { } buffer)
        {
            // The loaded save is in the pool's buffer and is the newest save: the next autosave may be a delta against it.
            var header = loaded.Entry!.Header!;
            Autosave.ContinueChain(buffer, header.SaveId, loaded.Entry.FileName, header.ChainIndex, loaded.ChainFullBytes, loaded.ChainDeltaBytes);
            Autosave.CheckRoomForOneSave(EstimateSaveBytes(buffer.RawBytes));
        }
        else if (Pool.TryCapture(World, DateTime.UtcNow, recordDifference: false, out var warm))
        {
            // Fill the buffer now (a kept snapshot copies next to nothing), so the first autosave's capture is a
            // warm copy, not page faults.
            using (warm) Autosave.CheckRoomForOneSave(EstimateSaveBytes(warm.RawBytes));
        }

        _players = StartPlayers();
        var simulation = _game.CreateSimulation(World, _settings);
        var capture = new AutosaveCaptureStage(Autosave);
        Pipeline = _players is null
            ? TickPipeline.Standard(World, _inbox, simulation, capture)
            : TickPipeline.WithPlayers(World, _inbox, _players.InputStage, simulation, _players.StateStage, capture);
        var loop = new TickLoop(Options.TickRate, Options.MaxCatchUpTicks, Pipeline, _time);
        loop.TickCompleted = new OverrunReporter(loop, World, _log).OnTickCompleted;
        Metrics = new ServerMetrics(loop, Pipeline, Autosave);
        loop.TickCompleted += Metrics.Ticks.OnTickCompleted;
        _loop = loop;
        _services = new CommandServices
        {
            WorldName = Options.WorldName,
            World = _inbox,
            Ticks = loop,
            Autosave = Autosave,
            Saves = new WorldSaves(Store, Autosave.Identity),
            Stop = this,
            Players = _players,
        };

        try
        {
            Admin = RemoteAdmin.Start(Options, ExecuteCommandAsync, _log, _time);
        }
        catch (StartupException)
        {
            _players?.Dispose();
            Autosave.Dispose();
            ReleaseLease();
            throw;
        }

        LogStarted(Options.TickRate, Options.AutosaveIntervalSeconds, StoreLocation);
        if (_stopRequested) loop.RequestStop();
        _thread = new Thread(RunLoop) { Name = "tick", IsBackground = false };
        _thread.Start();
    }

    /// <summary>
    /// Runs one command line for <paramref name="caller"/>, replying to <paramref name="output"/>. The task
    /// completes (never faulting) once the reply is complete; world work runs on the tick thread meanwhile.
    /// </summary>
    public Task<CommandOutcome> ExecuteCommandAsync(string line, CommandCaller caller, ICommandOutput output)
    {
        var services = _services ?? throw new InvalidOperationException("the server has not started");
        return Commands.ExecuteAsync(line, new CommandContext(caller, output, services));
    }

    /// <summary>Asks the loop to stop; it finishes the current tick, lets an in-flight save finish and takes a final save.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _loop?.RequestStop();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        RequestStop();
        if (_thread is null)
        {
            ReleaseLease();
            Admin?.Dispose();
            _exit.TrySetResult(0);
        }
        else
        {
            if (_thread.IsAlive && _thread != Thread.CurrentThread) _thread.Join();
            _loop?.Dispose();
            ReleaseLease();
        }

        Metrics?.Dispose();
        _metricsEndpoint?.Dispose();
    }

    /// <summary>Serves /metrics when asked to; first, so a port that cannot be used stops the start before anything runs.</summary>
    private void StartMetricsEndpoint()
    {
        if (Options.MetricsPort is not { } port || _metricsEndpoint is not null) return;
        try
        {
            _metricsEndpoint = PrometheusEndpoint.Start(Options.MetricsBind, port);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            throw new StartupException(e.Message);
        }

        LogMetrics(_metricsEndpoint.Url, ServerMetrics.MeterName);
    }

    /// <summary>Opens the players' port when the game's schema has the player columns; null when it does not.</summary>
    private PlayerNetwork? StartPlayers()
    {
        if (World.Schema.IndexOf(PlayerColumns.TokenHash) < 0)
        {
            LogNoPlayers(_game.Name);
            return null;
        }

        var options = new PlayerNetworkOptions
        {
            Port = Options.Port,
            Bind = Options.Bind,
            MaxPlayers = Options.MaxPlayers,
            ConnectionKey = Options.ConnectionKey,
        };
        try
        {
            var players = new PlayerNetwork(World, options, Options.TickRate);
            LogPlayersListening(options.Bind, players.Port, options.MaxPlayers, players.Roster.Directory.Count);
            return players;
        }
        catch (SocketException e)
        {
            Autosave.Dispose();
            ReleaseLease();
            throw new StartupException($"cannot open the players' port {options.Bind}:{options.Port}: {e.Message}");
        }
    }
    /// <summary>Lets another server take the world (after the final save, or when start failed); any thread, once.</summary>
    /// <summary>Where this world's saves are, for messages: the folder, or the blob address (never the connection string).</summary>
    private string StoreLocation => Options.BlobStore is { } blob ? blob.Describe(Options.WorldName) : WorldDirectory;

    /// <summary>The blob store when <see cref="ServerOptions.BlobStore"/> is set, else the world's folder.</summary>
    private ISaveStore OpenStore()
    {
        if (Options.BlobStore is not { } blob) return new LocalFolderStore(WorldDirectory);
        try
        {
            return blob.Open(Options.WorldName, log: _log, uploadThreadNice: Options.SaveNice);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"cannot start world '{Options.WorldName}': {e.Message}");
        }
    }

    /// <summary>
    /// About how many bytes the next full save takes: the largest save in the store (deltas are smaller), else
    /// the world's raw bytes over a conservative ratio of 2 (zstd-1 shrinks the demo world about 4x).
    /// </summary>
    private long EstimateSaveBytes(long rawBytes)
    {
        try
        {
            var largest = Store.ListAsync().GetAwaiter().GetResult().Select(e => e.Length).DefaultIfEmpty(0).Max();
            if (largest > 0) return largest;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The listing is retried by every save; the estimate falls back to the world's size.
        }

        return Options.Codec.StartsWith("none", StringComparison.OrdinalIgnoreCase) ? rawBytes : rawBytes / 2;
    }

    private void ReleaseLease() => Interlocked.Exchange(ref _lease, null)?.Dispose();

    private AutosaveOptions AutosaveOptions() => new()
    {
        WorldName = Options.WorldName,
        WorldId = _identity!.Id,
        NextSequence = _nextSequence,
        Interval = TimeSpan.FromSeconds(Options.AutosaveIntervalSeconds),
        Retention = new RetentionPolicy { KeepLatest = Options.Keep },
        Codec = SaveCodecOptions.Parse(Options.Codec),
        Deltas = new DeltaPolicy { Enabled = Options.Delta, FullEvery = Options.FullEvery },
        FreeSpaceMarginBytes = Options.FreeSpaceMarginBytes,
        SaveThreadNice = Options.SaveNice,
        Writer = "gameserver",
    };

    private void RunLoop()
    {
        try
        {
            _loop!.Run();
        }
        finally
        {
            Shutdown();
        }
    }

    /// <summary>After the loop: refuse further input, take the final save, stop the autosave thread.</summary>
    private void Shutdown()
    {
        var code = 0;
        _inbox.Close();
        try
        {
            // Players go offline first, so the final save holds them standing where they were.
            if (_players is not null)
            {
                _players.Roster.LeaveAll();
                _players.Dispose();
            }

            LogStopping(World.Tick);
            var result = Autosave.SaveAndWait(World, SaveKind.Auto, null, TimeSpan.FromMinutes(2));
            if (result.Succeeded)
            {
                LogFinalSave(result.Location!, result.Tick);
            }
            else
            {
                LogFinalSaveFailed(result.Error ?? "unknown error");
                code = 1;
            }

            Autosave.Dispose();
            ReleaseLease();
        }
        catch (Exception e)
        {
            _log.LogError(e, "shutdown failed");
            code = 1;
        }

        // Last, so an admin who sent 'stop' sees its reply end and the final save logged.
        Admin?.Dispose();
        LogStopped(code);
        _exit.TrySetResult(code);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "server running: {TickRate} ticks/s, autosave every {Interval} s into {Folder}; type 'help' for commands")]
    private partial void LogStarted(int tickRate, double interval, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "players: udp {Bind}:{Port} (max {MaxPlayers}); {Known} known players in this world")]
    private partial void LogPlayersListening(string bind, int port, int maxPlayers, int known);

    [LoggerMessage(Level = LogLevel.Information, Message = "players: off (game '{Game}' has no player columns)")]
    private partial void LogNoPlayers(string game);

    [LoggerMessage(Level = LogLevel.Information, Message = "metrics at {Url} (Prometheus; dotnet-counters: --counters {Meter})")]
    private partial void LogMetrics(Uri url, string meter);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping at tick {Tick}: finishing saves and taking a final save")]
    private partial void LogStopping(long tick);

    [LoggerMessage(Level = LogLevel.Information, Message = "final save {File} at tick {Tick}")]
    private partial void LogFinalSave(string file, long tick);

    [LoggerMessage(Level = LogLevel.Error, Message = "final save failed: {Reason}")]
    private partial void LogFinalSaveFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped (exit code {Code})")]
    private partial void LogStopped(int code);
}
