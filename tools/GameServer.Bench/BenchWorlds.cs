using GameServer.World.Schema;
using WorldModel = GameServer.World.World;

namespace GameServer.Bench;

/// <summary>
/// The benchmark world: 12 columns, 48 bytes per entity, with values shaped like a live game (clustered
/// settlements, smooth terrain, most entities idle, most hp full) so compression numbers mean something.
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

    public static WorldModel Create(int entities, int seed = 42)
    {
        var world = new WorldModel(Schema(), entities);
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
            x[i] = s.X + (Gaussian(random) * 60);
            y[i] = s.Y + (Gaussian(random) * 60);
            z[i] = Terrain(x[i], y[i]) + (random.Next(10) == 0 ? 20 + (random.NextSingle() * 50) : 0);
            if (random.Next(100) >= 55)
            {
                vx[i] = Gaussian(random) * 2;
                vy[i] = Gaussian(random) * 2;
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

    private static float Terrain(float x, float y) => (float)((Math.Sin(x / 300.0) * 40) + (Math.Cos(y / 450.0) * 30));

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
