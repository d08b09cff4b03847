using System.Diagnostics;
using GameServer.Bot;
using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Hosting;
using GameServer.Server.Network.Players;
using GameServer.Server.Ticking;
using GameServer.Tests.Support;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Network.Players;

public class PlayerTickAllocationTests
{
    private const int Bots = 30;

    [Test]
    [CancelAfter(120_000)]
    public void Tick_with_players_connected_and_sending_input_allocates_nothing_in_steady_state()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var game = new DemoGame();
        var settings = new GameSettings(Entities: 20_000, Seed: 3, TickRate: 30);
        var world = game.Generate(settings);
        using var network = new PlayerNetwork(world, new PlayerNetworkOptions { Port = 0, Bind = "127.0.0.1" }, settings.TickRate);
        using var autosave = new AutosaveService(new AutosaveOptions { Interval = TimeSpan.FromSeconds(1) }, new SnapshotPool(2), new LocalFolderStore(folder.Path), time);

        // The server's tick with players: input, player input, simulation, state updates, autosave capture.
        var pipeline = TickPipeline.WithPlayers(world, new TickInbox(), network.InputStage, game.CreateSimulation(world, settings), network.StateStage, new AutosaveCaptureStage(autosave));

        // Real clients on loopback, driven on their own thread (their allocations are not the tick thread's).
        var botOptions = new BotOptions { Host = "127.0.0.1", Port = network.Port, ConnectionKey = network.Options.ConnectionKey, InputRate = 30 };
        var tokens = new BotTokens(null);
        var bots = Enumerable.Range(0, Bots).Select(i => new BotPlayer($"alloc{i:00}", botOptions, tokens, seed: i + 1)).ToList();
        using var stopBots = new CancellationTokenSource();
        var driver = new Thread(() => DriveBots(bots, stopBots.Token)) { IsBackground = true, Name = "bots" };
        foreach (var bot in bots) bot.Connect();
        driver.Start();
        try
        {
            void Tick()
            {
                pipeline.RunTick();
                time.Advance(TimeSpan.FromMilliseconds(100));

                // Real time between ticks, so inputs arrive between them as they do in the server.
                Thread.Sleep(3);
            }

            // Warm up: every bot joined (joins allocate, once), JIT, buffer growth, the first captures and sends.
            var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
            while (network.Roster.Online.Count < Bots && Stopwatch.GetTimestamp() < deadline) Tick();
            Assert.That(network.Roster.Online, Has.Count.EqualTo(Bots), "every bot joined");
            for (var i = 0; i < 300; i++) Tick();
            WaitIdle(autosave, world.Tick);
            var savesBefore = autosave.GetStatus(world.Tick).SavesCompleted;
            var packetsBefore = network.Traffic.PacketsOut;
            var inputsApplied = AppliedSequences(network);

            // Consecutive rounds at 0 B, each with captures and state updates to every player; a late
            // tier-up on a loaded machine may allocate once, a per-tick allocation fails every round.
            var allocation = SteadyStateAllocation.Measure(
                () =>
                {
                    for (var i = 0; i < 30; i++) Tick();
                },
                required: 5,
                maxWindows: 20,
                between: () => WaitIdle(autosave, world.Tick));

            Assert.That(network.Roster.Online, Has.Count.EqualTo(Bots), "every bot stayed online while measuring");
            Assert.That(autosave.GetStatus(world.Tick).SavesCompleted, Is.GreaterThan(savesBefore), "captures happened while measuring");
            Assert.That(network.Traffic.PacketsOut - packetsBefore, Is.GreaterThanOrEqualTo(Bots * 5L * 15), "state updates went to every player in every round");
            Assert.That(AppliedSequences(network), Is.GreaterThan(inputsApplied), "players' inputs were applied while measuring");
            Assert.That(allocation.ZeroInARow, Is.EqualTo(5), "bytes allocated per round of 30 ticks: " + allocation.Describe());
        }
        finally
        {
            stopBots.Cancel();
            driver.Join(TimeSpan.FromSeconds(10));
            foreach (var bot in bots) bot.Dispose();
        }
    }

    private static long AppliedSequences(PlayerNetwork network)
    {
        long sum = 0;
        foreach (var session in network.Roster.Online) sum += session.LastAppliedSequence;
        return sum;
    }

    private static void DriveBots(List<BotPlayer> bots, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var bot in bots) bot.Update(now);
            Thread.Sleep(2);
        }
    }

    private static void WaitIdle(AutosaveService autosave, long tick)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (autosave.GetStatus(tick).InFlight && DateTime.UtcNow < deadline) Thread.Sleep(5);
    }
}
