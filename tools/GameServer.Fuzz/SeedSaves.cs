using System.Numerics;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Writing;
using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Fuzz;

/// <summary>Small real saves to start fuzzing from: every column type the demo uses, a blob column, an empty world.</summary>
/// <remarks>Small on purpose: afl++ mutates small inputs far faster. The committed seed corpus was written by <c>gamefuzz seeds</c>.</remarks>
internal static class SeedSaves
{
    public static IEnumerable<(string Name, byte[] Bytes)> Write()
    {
        var schema = new WorldSchemaBuilder()
            .Add<float>("x")
            .Add<Vector3>("velocity")
            .Add<int>("hp", 100)
            .Add<byte>("kind")
            .AddUtf8("name")
            .AddBytes("inventory")
            .Build();
        yield return ("empty.gsav", Encode(new GameWorld(schema, 16), SaveCodecOptions.Default));
        var world = new GameWorld(schema, 64);
        for (var i = 0; i < 40; i++)
        {
            world.Spawn();
            world.GetColumn<float>("x").Set(i, i * 1.5f);
            world.GetColumn<int>("hp").Set(i, 100 - i);
            world.GetBlobColumn("name").SetString(i, i % 3 == 0 ? $"npc-{i}" : "");
        }

        yield return ("small-zstd.gsav", Encode(world, SaveCodecOptions.Default));
        yield return ("small-raw.gsav", Encode(world, SaveCodecOptions.Uncompressed));
        yield return ("small-delta.gsav", EncodeDelta(world));
    }

    private static byte[] Encode(GameWorld world, SaveCodecOptions options)
    {
        using var encoder = new SnapshotEncoder(options);
        using var snapshot = new SnapshotPool(1).Capture(world);
        return encoder.PrepareFull(snapshot, "fuzz", "auto", "").ToArray();
    }

    // A delta against a full save of the same world after a few changes: its header names a base the harness lacks.
    private static byte[] EncodeDelta(GameWorld world)
    {
        using var encoder = new SnapshotEncoder();
        var pool = new SnapshotPool(1);
        var deltaBase = new DeltaBase();
        using (var first = pool.Capture(world)) deltaBase.Commit(first, encoder.PrepareFull(first, "fuzz", "auto", "").WriteTo(Stream.Null), "base.gsav");
        world.GetColumn<int>("hp").Set(3, 7);
        world.GetBlobColumn("name").SetString(4, "changed");
        using var second = pool.Capture(world);
        return encoder.PrepareDelta(second, deltaBase, "fuzz", "auto", "").ToArray();
    }
}
