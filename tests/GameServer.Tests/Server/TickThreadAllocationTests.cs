using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Hosting;
using GameServer.Server.Metrics;
using GameServer.Server.Ticking;
using GameServer.Tests.Support;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Server;

public class TickThreadAllocationTests
{
    [Test]
    [CancelAfter(60_000)]
    public void Simulation_and_autosave_capture_allocate_nothing_per_tick_in_steady_state()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var game = new DemoGame();
        var settings = new GameSettings(Entities: 20_000, Seed: 3, TickRate: 30);
        var world = game.Generate(settings);
        var pool = new SnapshotPool(2);
        using var autosave = new AutosaveService(new AutosaveOptions { Interval = TimeSpan.FromSeconds(1) }, pool, new LocalFolderStore(folder.Path), time);

        // The server's own tick: input stage (empty queue), simulation, autosave capture, per-stage timing.
        var pipeline = TickPipeline.Standard(world, new TickInbox(), game.CreateSimulation(world, settings), new AutosaveCaptureStage(autosave));

        // The loop's per-tick accounting and the server's instruments, listened to by the real exporter.
        using var loop = new TickLoop(settings.TickRate, maxCatchUp: 5, pipeline, time);
        using var metrics = new ServerMetrics(loop, pipeline, autosave);
        loop.TickCompleted += metrics.Ticks.OnTickCompleted;
        using var endpoint = PrometheusEndpoint.Start("127.0.0.1", 0);
        var ticks = 0;

        void Tick()
        {
            loop.RunOneTick();
            ticks++;
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Warm up: JIT, dictionary and buffer growth, the first captures.
        for (var i = 0; i < 600; i++) Tick();
        WaitIdle(autosave, world.Tick);
        var savesBefore = autosave.GetStatus(world.Tick).SavesCompleted;

        // Five rounds in a row at 0 B (each round captures: 30 ticks span 3 s of the 1 s schedule). A late
        // tier-up on a loaded machine may allocate once; a per-tick allocation fails every round.
        var allocation = SteadyStateAllocation.Measure(
            () =>
            {
                for (var i = 0; i < 30; i++) Tick();
            },
            required: 5,
            maxWindows: 20,
            between: () => WaitIdle(autosave, world.Tick));

        Assert.That(autosave.GetStatus(world.Tick).SavesCompleted, Is.GreaterThan(savesBefore), "captures happened while measuring");
        Assert.That(allocation.ZeroInARow, Is.EqualTo(5), "bytes allocated per round of 30 ticks: " + allocation.Describe());
        var scrape = MetricsScrape.GetAsync(endpoint.Url).GetAwaiter().GetResult();
        Assert.That(scrape.Value("gameserver_tick_duration_milliseconds_count"), Is.EqualTo(ticks), "the exporter aggregated every tick measured");
        Assert.That(scrape.Value("gameserver_tick_stage_duration_milliseconds_count", "stage=\"simulation\""), Is.EqualTo(ticks));
    }

    [Test]
    [CancelAfter(60_000)]
    public void Delta_captures_into_the_one_buffer_allocate_nothing_per_tick_in_steady_state()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var game = new DemoGame();
        var settings = new GameSettings(Entities: 20_000, Seed: 4, TickRate: 30);
        var world = game.Generate(settings);
        var pool = new SnapshotPool(1); // as the server: the buffer holds the delta base
        var options = new AutosaveOptions { Interval = TimeSpan.FromSeconds(1), Deltas = new() { FullEvery = 1000, MaxChainFraction = 1000 } };
        using var autosave = new AutosaveService(options, pool, new LocalFolderStore(folder.Path), time);
        var deltas = 0;
        autosave.SaveCompleted += result =>
        {
            if (result.Succeeded && result.ChainIndex > 0) Interlocked.Increment(ref deltas);
        };
        var pipeline = TickPipeline.Standard(world, new TickInbox(), game.CreateSimulation(world, settings), new AutosaveCaptureStage(autosave));
        using var loop = new TickLoop(settings.TickRate, maxCatchUp: 5, pipeline, time);

        void Tick()
        {
            loop.RunOneTick();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Warm up: JIT, the side buffer's growth to the churn's dirty bytes, the first captures.
        for (var i = 0; i < 600; i++) Tick();
        WaitIdle(autosave, world.Tick);
        var deltasBefore = Volatile.Read(ref deltas);

        var allocation = SteadyStateAllocation.Measure(
            () =>
            {
                for (var i = 0; i < 30; i++) Tick();
            },
            required: 5,
            maxWindows: 20,
            between: () => WaitIdle(autosave, world.Tick));

        Assert.That(Volatile.Read(ref deltas), Is.GreaterThan(deltasBefore), "delta saves were captured while measuring");
        Assert.That(allocation.ZeroInARow, Is.EqualTo(5), "bytes allocated per round of 30 ticks: " + allocation.Describe());
    }

    private static void WaitIdle(AutosaveService autosave, long tick)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (autosave.GetStatus(tick).InFlight && DateTime.UtcNow < deadline) Thread.Sleep(5);
    }
}
