using GameServer.Demo;
using GameServer.World;
using GameServer.World.Schema;

namespace GameServer.Bench;

/// <summary>
/// The micro-benchmark world: the fixed 12-column, 48 B/entity shape of the anchors' codec table (no
/// variable-length column), with values shaped like the demo world (clustered settlements, its terrain,
/// most entities idle, most hp full) so compression numbers mean something. The end-to-end scenario
/// uses the demo world itself.
/// </summary>
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

    public static GameWorld Create(int entities, int seed = 42)
    {
        var world = new GameWorld(Schema(), entities);
        for (var i = 0; i < entities; i++) world.Spawn();
        var random = new Random(seed);
        var settlements = Enumerable.Range(0, 64).Select(_ => (X: random.NextSingle() * 4000, Y: random.NextSingle() * 4000)).ToArray();
        var x = world.GetColumn<float>("x").Write();
        var y = world.GetColumn<float>("y").Write();
        var z = world.GetColumn<float>("z").Write();
        var vx = world.GetColumn<float>("vx").Write();
        var vy = world.GetColumn<float>("vy").Write();
        var yaw = world.GetColumn<float>("yaw").Write();
        var hp = world.GetColumn<int>("hp").Write();
        var kind = world.GetColumn<ushort>("kind").Write();
        var owner = world.GetColumn<uint>("owner").Write();
        for (var i = 0; i < entities; i++)
        {
            // Zipf-ish settlement choice, then a spread around it.
            var s = settlements[(int)(64 * Math.Pow(random.NextDouble(), 2.5))];
            x[i] = s.X + (DemoWorld.Gaussian(random) * 60);
            y[i] = s.Y + (DemoWorld.Gaussian(random) * 60);
            z[i] = DemoWorld.Terrain(x[i], y[i]) + (random.Next(10) == 0 ? 20 + (random.NextSingle() * 50) : 0);
            if (random.Next(100) >= 55)
            {
                vx[i] = DemoWorld.Gaussian(random) * 2;
                vy[i] = DemoWorld.Gaussian(random) * 2;
            }

            yaw[i] = random.NextSingle() * 6.2831855f;
            hp[i] = random.Next(10) == 0 ? random.Next(1, 100) : 100;
            var k = 0;
            while (k < 11 && random.Next(2) == 0) k++;
            kind[i] = (ushort)k;
            owner[i] = random.Next(100) < 85 ? 0u : (uint)random.Next(1, 5000);
        }

        return world;
    }
}
