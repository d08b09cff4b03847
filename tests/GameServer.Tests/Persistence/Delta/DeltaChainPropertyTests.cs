using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Delta;

/// <summary>Random worlds and random save sequences: every save, full or delta, restores byte-identical through its chain.</summary>
public class DeltaChainPropertyTests
{
    [TestCase(1)]
    [TestCase(2)]
    [CancelAfter(120_000)]
    public void Every_save_of_a_random_run_restores_byte_identical_through_its_chain(int seed) =>
        RandomRunRestoresEverySave(seed, SaveCodecOptions.Default);

    // The layout delta blocks had before the delta codec settings (zstd-1, shuffled), which saves on disk still
    // have: the reader's shuffled path through the fused unshuffle+XOR must keep restoring them.
    [Test]
    [CancelAfter(120_000)]
    public void Every_save_of_a_random_run_restores_byte_identical_with_shuffled_delta_blocks() =>
        RandomRunRestoresEverySave(3, SaveCodecOptions.Default with { DeltaLevel = 1, DeltaShuffle = true });

    private static void RandomRunRestoresEverySave(int seed, SaveCodecOptions codec)
    {
        var random = new Random(seed);
        var store = new InMemorySaveStore();
        using var writer = new ChainWriter(store, new DeltaPolicy { FullEvery = 8, MaxChainFraction = 4 }, codec);
        var world = TestWorlds.Populated(300, seed);
        var churn = new RandomChurn(world, seed);
        var pool = new SnapshotPool(1);
        var time = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        int saves = 0, deltas = 0, schemaChanges = 0;
        for (var tick = 0; tick < 3000; tick++)
        {
            churn.Apply(maxOps: 6, burst: random.Next(1, 40));
            WriteScattered(world, random);
            if (random.Next(400) == 0)
            {
                world = ChangeSchema(world, pool, random);
                churn = new RandomChurn(world, seed + tick);
                pool = new SnapshotPool(1);
                schemaChanges++;
            }

            world.AdvanceTick();
            if (random.Next(3) != 0) continue;

            Assert.That(pool.TryCapture(world, time.AddSeconds(tick), out var snapshot), Is.True);
            using (snapshot)
            {
                var name = SaveNames.Auto(time.AddSeconds(tick), world.Tick);
                var header = writer.Save(snapshot, name);
                saves++;
                if (header.IsDelta) deltas++;
                using var expected = TestWorlds.FullCopy(world);
                using var loaded = SaveLoader.LoadAsync(store, name).GetAwaiter().GetResult();
                TestWorlds.AssertSameBytes(expected, loaded, $"seed {seed}, save {saves} ({name}, chain index {header.ChainIndex})");
            }
        }

        Assert.That(deltas, Is.GreaterThan(saves / 2), "most saves should be deltas");
        Assert.That(saves - deltas, Is.GreaterThan(schemaChanges), "every schema change and every 8 deltas start a chain");
    }

    [Test]
    [CancelAfter(60_000)]
    public void A_schema_change_forces_a_full_save()
    {
        var store = new InMemorySaveStore();
        using var writer = new ChainWriter(store, new DeltaPolicy());
        var world = TestWorlds.Populated(100);
        var pool = new SnapshotPool(1);
        var time = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        Assert.That(pool.TryCapture(world, time, out var first), Is.True);
        using (first) Assert.That(writer.Save(first, SaveNames.Auto(time, 1)).IsDelta, Is.False);
        Assert.That(pool.TryCapture(world, time.AddSeconds(1), out var second), Is.True);
        using (second) Assert.That(writer.Save(second, SaveNames.Auto(time.AddSeconds(1), 2)).IsDelta, Is.True);

        var changed = ChangeSchema(world, pool, new Random(1));
        Assert.That(new SnapshotPool(1).TryCapture(changed, time.AddSeconds(2), out var third), Is.True);
        using (third)
        {
            var header = writer.Save(third, SaveNames.Auto(time.AddSeconds(2), 3));
            Assert.That(header.IsDelta, Is.False);
            using var loaded = SaveLoader.LoadAsync(store, SaveNames.Auto(time.AddSeconds(2), 3)).GetAwaiter().GetResult();
            using var expected = TestWorlds.FullCopy(changed);
            TestWorlds.AssertSameBytes(expected, loaded, "after the schema change");
        }
    }

    // Scattered single-row writes all over the rows: nearly every block of the column changes.
    private static void WriteScattered(GameWorld world, Random random)
    {
        if (world.Count == 0) return;
        var y = world.GetColumn<float>("y");
        for (var i = random.Next(0, 8); i > 0; i--) y.Set(random.Next(world.Count), random.NextSingle());
    }

    // Adds or drops an extra column, keeping the rest: the restored world has a different schema.
    private static GameWorld ChangeSchema(GameWorld world, SnapshotPool pool, Random random)
    {
        var builder = new WorldSchemaBuilder();
        foreach (var column in TestWorlds.Schema().Columns)
        {
            if (column.Name != WorldSchema.IdColumnName) builder.Add(column);
        }

        if (world.Schema.Find("mana") is null) builder.Add<short>("mana", (short)random.Next(1, 100));
        var changed = new GameWorld(builder.Build());
        using var snapshot = pool.Capture(world);
        changed.Restore(snapshot);
        return changed;
    }
}
