using GameServer.Persistence.Autosave;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>
/// Promise 1: the power goes out after every single file-system step of a save (full, delta, and one whose
/// retention deletes older saves), and whatever was not fsynced is dropped or garbled; the next boot always
/// loads the previous save or the new one, whole, and every file with a save name verifies.
/// </summary>
[CancelAfter(120_000)]
public class PowerLossTests
{
    private const string Folder = "/powerloss/world";
    private static readonly int[] GarbleSeeds = [1, 2, 3, 4, 5, 6, 7];

    public enum Scenario
    {
        /// <summary>A full autosave after one earlier full save.</summary>
        Full,

        /// <summary>The second delta of a chain (full, delta, then this delta).</summary>
        Delta,

        /// <summary>A full save that starts a new chain, after which retention deletes the old chain newest-first.</summary>
        RetentionDeletesAChain,
    }

    [Test]
    public void An_autosave_whose_retention_deletes_a_chain_makes_these_steps_in_this_order()
    {
        var run = SaveRun.Start(Scenario.RetentionDeletesAChain);
        var (before, target) = run.SaveTarget(expectSuccess: true);

        var temp = target[0]["Create ".Length..];
        Assert.That(SaveNames.IsTemp(temp), Is.True, temp);
        var newName = SaveNames.Auto(run.Time.GetUtcNow().UtcDateTime, run.World.Tick);
        Assert.That(FoldWrites(target), Is.EqualTo(new[]
        {
            $"Create {temp}", $"Write {temp}", $"Fsync {temp}", $"Close {temp}", $"Rename {temp} -> {newName}", "FsyncFolder world",
            $"Delete {before[1]}", "FsyncFolder world", $"Delete {before[0]}", "FsyncFolder world",
        }), "commit first (data fsynced before the rename, the rename made durable by the folder fsync), then retention deletes the delta, durably, before its base");
        run.Dispose();
    }

    [TestCase(Scenario.Full)]
    [TestCase(Scenario.Delta)]
    [TestCase(Scenario.RetentionDeletesAChain)]
    public async Task A_power_loss_after_any_step_of_a_save_leaves_the_previous_save_or_the_new_one_whole(Scenario scenario)
    {
        int stepCount, commitStep;
        using (var dry = SaveRun.Start(scenario))
        {
            var (_, target) = dry.SaveTarget(expectSuccess: true);
            stepCount = target.Count;
            commitStep = target.FindIndex(s => s.StartsWith("FsyncFolder ", StringComparison.Ordinal)) + 1;
            Assert.That(commitStep, Is.GreaterThan(0), string.Join("\n", target));
        }

        var crashPoints = 0;
        for (var crashAfter = 0; crashAfter <= stepCount; crashAfter++)
        {
            using var run = SaveRun.Start(scenario);
            run.Disk.CrashAfter(crashAfter);
            var (_, target) = run.SaveTarget(expectSuccess: crashAfter == stepCount);
            Assert.That(run.Disk.Crashed, Is.True, $"step {crashAfter} of {stepCount} was reached");
            var lastStep = crashAfter == 0 ? "before the first step" : $"after {target[crashAfter - 1]}";
            foreach (var (mode, seed) in Losses())
            {
                var context = $"{scenario}, power lost {lastStep} (step {crashAfter} of {stepCount}), {mode} seed {seed}";
                await AssertRecovers(run, run.Disk.Recover(mode, seed), mustHaveNew: crashAfter >= commitStep, context);
                crashPoints++;
            }
        }

        TestContext.Out.WriteLine($"{scenario}: {crashPoints} power losses simulated over {stepCount + 1} crash points");
    }

    private static IEnumerable<(PowerLossMode Mode, int Seed)> Losses()
    {
        yield return (PowerLossMode.Drop, 0);
        foreach (var seed in GarbleSeeds) yield return (PowerLossMode.Garble, seed);
    }

    private static async Task AssertRecovers(SaveRun run, PowerLossFileSystem disk, bool mustHaveNew, string context)
    {
        var store = new LocalFolderStore(Folder, disk);
        await store.RemoveStaleStagingAsync(); // as the server does at start
        foreach (var entry in await store.ListAsync())
        {
            Assert.That(await SaveVerifier.VerifyAsync(store, entry.Name, decode: true), Is.Null, $"{context}: {entry.Name} verifies");
        }

        var result = await SaveLoader.LoadLatestAsync(store);
        Assert.That(result.Snapshot, Is.Not.Null, $"{context}: a save loads");
        using var loaded = result.Snapshot!;
        var expectedTick = mustHaveNew ? run.NewTick : loaded.Tick;
        Assert.That(loaded.Tick, Is.EqualTo(expectedTick).And.AnyOf(run.PreviousTick, run.NewTick), $"{context}: loaded {result.Entry!.FileName}, skipped {string.Join("; ", result.Skipped)}");
        TestWorlds.AssertSameBytes(run.Copies[loaded.Tick], loaded, context);
    }

    private static List<string> FoldWrites(List<string> steps) =>
        steps.Where((s, i) => !(s.StartsWith("Write ", StringComparison.Ordinal) && i > 0 && steps[i - 1] == s)).ToList();

    /// <summary>A world, its autosave over a simulated disk, the saves before the one under test, and a full copy of the world at each save's tick.</summary>
    private sealed class SaveRun : IDisposable
    {
        private readonly RandomChurn _churn;
        private readonly AutosaveService _service;
        private readonly SnapshotPool _pool = new(1);

        private SaveRun(Scenario scenario)
        {
            World = TestWorlds.Populated(3000, seed: 11);
            _churn = new RandomChurn(World, 11);
            var options = new AutosaveOptions
            {
                WorldName = "world",
                Interval = TimeSpan.FromHours(1),
                Deltas = scenario switch
                {
                    Scenario.Full => DeltaPolicy.Off,
                    Scenario.Delta => new DeltaPolicy { FullEvery = 10, MaxChainFraction = 100 },
                    _ => new DeltaPolicy { FullEvery = 1, MaxChainFraction = 100 },
                },
                Retention = new RetentionPolicy
                {
                    KeepLatest = scenario == Scenario.RetentionDeletesAChain ? 1 : 10,
                    HourlyFor = TimeSpan.Zero,
                    DailyFor = TimeSpan.Zero,
                },
            };
            _service = new AutosaveService(options, _pool, new LocalFolderStore(Folder, Disk), Time);
            var before = scenario == Scenario.Full ? 1 : 2;
            for (var i = 0; i < before; i++) Save(expectSuccess: true);
            PreviousTick = World.Tick;
        }

        public PowerLossFileSystem Disk { get; } = new();

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

        public GameWorld World { get; }

        public Dictionary<long, WorldSnapshot> Copies { get; } = [];

        public List<string> Committed { get; } = [];

        public long PreviousTick { get; }

        public long NewTick => PreviousTick + 1;

        public static SaveRun Start(Scenario scenario) => new(scenario);

        /// <summary>Saves once more (the save under test); returns the names committed before it and the steps it made.</summary>
        public (List<string> Before, List<string> Steps) SaveTarget(bool expectSuccess)
        {
            var before = Committed.ToList();
            var from = Disk.Steps.Count;
            Save(expectSuccess);
            return (before, Disk.Steps.Skip(from).ToList());
        }

        public void Dispose()
        {
            _service.Dispose();
            foreach (var copy in Copies.Values) copy.Dispose();
        }

        private void Save(bool expectSuccess)
        {
            _churn.Apply(maxOps: 40, burst: 8);
            World.GetColumn<float>("x").Set(0, World.Tick); // every save changes something
            World.AdvanceTick();
            Time.Advance(TimeSpan.FromSeconds(10));
            Copies[World.Tick] = TestWorlds.FullCopy(World);
            var result = _service.SaveAndWait(World, SaveKind.Auto, null, SaveFixture.Timeout);
            if (expectSuccess) Assert.That(result.Succeeded, Is.True, result.Error);
            if (result.Succeeded) Committed.Add(result.Name!);
        }
    }
}
