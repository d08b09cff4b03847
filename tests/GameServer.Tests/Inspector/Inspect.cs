using System.Text.Json;
using GameServer.Inspector;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Schema;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Inspector;

/// <summary>Runs the inspector in-process and writes the saves its tests read.</summary>
internal static class Inspect
{
    public static Result Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = InspectorApp.Run(args, stdout, stderr);
        return new Result(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A save of a populated test world (every column type, utf8 and bytes included).</summary>
    public static string Save(string folder, int entities = 1000, FakeTimeProvider? time = null)
    {
        var world = TestWorlds.Populated(entities);
        world.GetBlobColumn("inventory").Set(1, [1, 2, 3, 250]);
        return SaveFixture.Write(folder, world, time: time);
    }

    /// <summary>
    /// A world big enough that every column spans several 1 MiB blocks (names included), built in linear
    /// time: each name is set while its row is the last one, so no later data has to shift.
    /// </summary>
    public static GameWorld Large(int count)
    {
        var world = new GameWorld(TestWorlds.Schema(), count);
        var names = world.GetBlobColumn("name");
        for (var i = 0; i < count; i++)
        {
            world.Spawn();
            names.SetString(i, i % 7 == 0 ? "" : $"entity-{i}-é");
        }

        var random = new Random(7);
        var x = world.GetColumn<float>("x").Write();
        var velocity = world.GetColumn<System.Numerics.Vector3>("velocity").Write();
        var hp = world.GetColumn<int>("hp").Write();
        for (var i = 0; i < count; i++)
        {
            x[i] = (random.NextSingle() - 0.5f) * 1e4f;
            velocity[i] = new System.Numerics.Vector3(random.NextSingle(), -random.NextSingle(), i);
            hp[i] = random.Next(-5, 200);
        }

        return world;
    }

    /// <summary>The test schema plus a column added later ("mana"), as a game's next version would have.</summary>
    public static WorldSchema GrownSchema() => new WorldSchemaBuilder()
        .Add<float>("x")
        .Add<float>("y")
        .Add<System.Numerics.Vector3>("velocity")
        .Add<int>("hp", 100)
        .Add<byte>("kind")
        .Add<ulong>("owner")
        .Add<double>("score")
        .AddUtf8("name")
        .AddBytes("inventory")
        .Add<int>("mana", 50)
        .Build();

    /// <summary>Loads <paramref name="path"/> into a world of the grown schema, the way a server upgrade does.</summary>
    public static GameWorld LoadGrown(string path)
    {
        using var snapshot = SavePaths.Load(path);
        var world = new GameWorld(GrownSchema());
        world.Restore(snapshot);
        return world;
    }

    internal sealed record Result(int Exit, string Out, string Err)
    {
        public JsonElement Json()
        {
            using var document = JsonDocument.Parse(Out);
            return document.RootElement.Clone();
        }

        public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }
}
