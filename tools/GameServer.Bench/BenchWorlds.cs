using GameServer.World.Schema;
using WorldModel = GameServer.World.World;

namespace GameServer.Bench;

/// <summary>The benchmark world: 12 columns, 48 bytes per entity, values shaped like a live game.</summary>
public static class BenchWorlds
{
    public static WorldSchema Schema() => new WorldSchemaBuilder()
        .Add<float>("x").Add<float>("y").Add<float>("z")
        .Add<float>("vx").Add<float>("vy").Add<float>("vz")
        .Add<float>("yaw")
        .Add<int>("hp", 100)
        .Add<ushort>("kind").Add<ushort>("flags")
        .Add<uint>("owner")
        .Build();

    public static WorldModel Create(int entities, int seed = 42)
    {
        var world = new WorldModel(Schema(), entities);
        for (var i = 0; i < entities; i++) world.Spawn();
        var random = new Random(seed);
        var x = world.GetColumn<float>("x").Write();
        var y = world.GetColumn<float>("y").Write();
        var z = world.GetColumn<float>("z").Write();
        var vx = world.GetColumn<float>("vx").Write();
        var yaw = world.GetColumn<float>("yaw").Write();
        var kind = world.GetColumn<ushort>("kind").Write();
        for (var i = 0; i < entities; i++)
        {
            x[i] = random.NextSingle() * 4000;
            y[i] = random.NextSingle() * 4000;
            z[i] = 10 + random.NextSingle();
            vx[i] = random.Next(2) == 0 ? 0 : random.NextSingle();
            yaw[i] = random.NextSingle() * 6.28f;
            kind[i] = (ushort)random.Next(12);
        }

        return world;
    }
}
