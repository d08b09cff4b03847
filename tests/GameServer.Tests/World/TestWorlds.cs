using System.Numerics;
using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Tests.World;

/// <summary>Schemas and comparison helpers shared by world and persistence tests.</summary>
internal static class TestWorlds
{
    public static WorldSchema Schema() => new WorldSchemaBuilder()
        .Add<float>("x")
        .Add<float>("y")
        .Add<Vector3>("velocity")
        .Add<int>("hp", 100)
        .Add<byte>("kind")
        .Add<ulong>("owner")
        .Add<double>("score")
        .AddUtf8("name")
        .AddBytes("inventory")
        .Build();

    /// <summary>A world with <paramref name="count"/> entities and varied values in every column.</summary>
    public static GameWorld Populated(int count, int seed = 1)
    {
        var world = new GameWorld(Schema(), Math.Max(16, count));
        var random = new Random(seed);
        for (var i = 0; i < count; i++) world.Spawn();
        var x = world.GetColumn<float>("x").Write();
        var y = world.GetColumn<float>("y").Write();
        var hp = world.GetColumn<int>("hp").Write();
        var velocity = world.GetColumn<Vector3>("velocity").Write();
        for (var i = 0; i < count; i++)
        {
            x[i] = random.NextSingle() * 1000;
            y[i] = random.NextSingle() * 1000;
            hp[i] = random.Next(0, 101);
            velocity[i] = new Vector3(random.NextSingle(), random.NextSingle(), 0);
        }

        var names = world.GetBlobColumn("name");
        for (var i = 0; i < count; i += 3) names.SetString(i, $"npc-{i}-é");
        return world;
    }

    /// <summary>A full, from-scratch copy of the world: a fresh pool's snapshot is always a full capture.</summary>
    public static WorldSnapshot FullCopy(GameWorld world) => new SnapshotPool(1).Capture(world);

    public static void AssertSameBytes(WorldSnapshot expected, WorldSnapshot actual, string context)
    {
        Assert.That(actual.Count, Is.EqualTo(expected.Count), $"{context}: count");
        Assert.That(actual.Tick, Is.EqualTo(expected.Tick), $"{context}: tick");
        Assert.That(actual.NextId, Is.EqualTo(expected.NextId), $"{context}: next id");
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var e = expected.Columns[c];
            var a = actual.Columns[c];
            for (var b = 0; b < e.BufferCount; b++)
            {
                if (!e.Buffer(b).SequenceEqual(a.Buffer(b)))
                    Assert.Fail($"{context}: column '{e.Definition.Name}' buffer {b} differs ({a.Buffer(b).Length} vs {e.Buffer(b).Length} bytes).");
            }
        }
    }
}
