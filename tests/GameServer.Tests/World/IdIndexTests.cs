using GameServer.Tests.Support;
using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Tests.World;

/// <summary>The world's id-to-row index, through the world's own API, against a dictionary as the reference model.</summary>
public class IdIndexTests
{
    private static WorldSchema IdOnly() => new WorldSchemaBuilder().Add<int>("hp").Build();

    [TestCase(16, 20_000, 1)]
    [TestCase(1024, 20_000, 2)]
    [TestCase(50_000, 20_000, 3)]
    public void Spawn_despawn_and_lookup_match_a_dictionary_with_dense_ids(int initialCapacity, int steps, int seed)
    {
        // A small start makes the world grow many times, and a crowded table wraps its probe runs around its end.
        var world = new GameWorld(IdOnly(), initialCapacity);
        var model = new Dictionary<long, int>();
        RunChurn(world, model, new Random(seed), steps, spawnShare: 0.55);
        AssertMatches(world, model);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Restore_with_sparse_and_huge_ids_then_churn_matches_a_dictionary(int seed)
    {
        var random = new Random(seed);
        var ids = new HashSet<long>();
        while (ids.Count < 5_000)
        {
            // Scattered, clustered on multiples of a large power of two, and near the top of the range.
            var pick = random.Next(3);
            ids.Add(pick switch
            {
                0 => random.NextInt64(1, long.MaxValue / 2),
                1 => (long)random.Next(1, 1 << 20) << 32,
                _ => long.MaxValue - (1L << 40) + random.NextInt64(1 << 30),
            });
        }

        var world = new GameWorld(IdOnly(), 64);
        var snapshot = SnapshotOf(ids.ToArray());
        world.Restore(snapshot);
        var model = new Dictionary<long, int>();
        for (var row = 0; row < world.Count; row++) model[world.Ids[row]] = row;
        AssertMatches(world, model);

        // Spawned ids continue after the largest restored one; old and new ids churn together.
        RunChurn(world, model, random, 20_000, spawnShare: 0.4);
        AssertMatches(world, model);
    }

    [Test]
    public void Restore_with_a_duplicate_id_throws_and_leaves_the_world_and_its_lookups_as_they_were()
    {
        var world = new GameWorld(IdOnly(), 16);
        var kept = Enumerable.Range(0, 40).Select(_ => world.Spawn()).ToArray();
        world.Despawn(kept[7]);
        var model = new Dictionary<long, int>();
        for (var row = 0; row < world.Count; row++) model[world.Ids[row]] = row;

        var error = Assert.Throws<InvalidDataException>(() => world.Restore(SnapshotOf([5, 1_000_000_000_000, 9, 1_000_000_000_000, 11])));
        Assert.That(error!.Message, Does.Contain("duplicate entity id 1000000000000 at row 3"));
        Assert.Throws<InvalidDataException>(() => world.Restore(SnapshotOf([5, 0, 9])));
        AssertMatches(world, model);
        Assert.That(world.Contains(kept[7]), Is.False);
    }

    [Test]
    public void Id_index_costs_under_6_bytes_per_entity()
    {
        // One 4-byte column plus the 8-byte id column: the world's own bytes are 12 per entity. A Dictionary<long, int>
        // as the index cost 28 more (a quarter of the demo world's bytes at 4M entities).
        const int entities = 200_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var world = new GameWorld(IdOnly(), entities);
        for (var i = 0; i < entities; i++) world.Spawn();
        var perEntity = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / entities;

        const double columns = sizeof(long) + sizeof(int);
        const double marks = sizeof(long) * 2.0 / GameWorld.RowsPerChunk;
        Assert.That(perEntity - columns - marks, Is.LessThan(6), $"bytes per entity beyond the columns: {perEntity - columns - marks:0.00}");
        Assert.That(world.Count, Is.EqualTo(entities));
    }

    [Test]
    public void Spawn_despawn_and_lookup_allocate_nothing_in_steady_state()
    {
        // Ids only grow, so the index must absorb a steady churn of new ids without growing.
        var world = new GameWorld(IdOnly(), 4096);
        var random = new Random(7);
        for (var i = 0; i < 3000; i++) world.Spawn();
        void Window()
        {
            for (var i = 0; i < 1000; i++)
            {
                world.Despawn(world.Ids[random.Next(world.Count)]);
                var id = world.Spawn();
                if (!world.TryGetRow(id, out _) || world.Contains(id - world.NextId)) throw new InvalidOperationException("lookup failed");
            }
        }

        for (var i = 0; i < 20; i++) Window();
        var allocation = SteadyStateAllocation.Measure(Window, required: 3, maxWindows: 30);
        Assert.That(allocation.ZeroInARow, Is.EqualTo(3), "bytes allocated per window of 1000 despawn+spawn+lookup: " + allocation.Describe());
    }

    private static void RunChurn(GameWorld world, Dictionary<long, int> model, Random random, int steps, double spawnShare)
    {
        var hp = world.GetColumn<int>("hp");
        for (var step = 0; step < steps; step++)
        {
            if (world.Count == 0 || random.NextDouble() < spawnShare)
            {
                var id = world.Spawn();
                Assert.That(model.ContainsKey(id), Is.False, "ids are never reused");
                model[id] = world.Count - 1;
                hp[world.Count - 1] = (int)(id % 1000);
            }
            else
            {
                var id = world.Ids[random.Next(world.Count)];
                var row = model[id];
                var last = world.Count - 1;
                Assert.That(world.Despawn(id), Is.True);
                model.Remove(id);
                if (row != last) model[world.Ids[row]] = row;
                Assert.That(world.Despawn(id), Is.False, "a despawned id is gone");
            }

            // Lookups of a live id, a despawned or never-spawned id, every so often all of them.
            if (world.Count > 0)
            {
                var probe = world.Ids[random.Next(world.Count)];
                Assert.That(world.TryGetRow(probe, out var found) && found == model[probe], Is.True, $"step {step}: id {probe}");
            }

            Assert.That(world.Contains(world.NextId + random.Next(1000)), Is.False);
            if (step % 2500 == 0) AssertMatches(world, model);
        }
    }

    private static void AssertMatches(GameWorld world, Dictionary<long, int> model)
    {
        Assert.That(world.Count, Is.EqualTo(model.Count));
        foreach (var (id, row) in model)
        {
            Assert.That(world.TryGetRow(id, out var found), Is.True, $"id {id}");
            Assert.That(found, Is.EqualTo(row), $"row of id {id}");
            Assert.That(world.Ids[found], Is.EqualTo(id));
        }
    }

    private static WorldSnapshot SnapshotOf(long[] ids)
    {
        var schema = IdOnly();
        var snapshot = WorldSnapshot.CreateDetached(schema, ids.Length, tick: 5, DateTime.UnixEpoch, nextId: 1);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()).CopyTo(snapshot.Columns[0].PrepareBuffer(0, ids.Length * sizeof(long)));
        snapshot.Columns[1].PrepareBuffer(0, ids.Length * sizeof(int)).Clear();
        return snapshot;
    }
}
