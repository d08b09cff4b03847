using GameServer.Server.Network.Players;
using GameServer.World;
using GameServer.World.Schema;

namespace GameServer.Demo;

/// <summary>
/// The demo world: static props (trees, rocks, buildings) that rarely change, then wandering NPCs that
/// move every tick. Rows are laid out props first, NPCs after, as a game that spawns its map before its
/// mobs would, so the chunks that change every tick are the NPC rows.
/// </summary>
public static class DemoWorld
{
    /// <summary>Share of entities that are wandering NPCs; the rest are props.</summary>
    public const double NpcShare = 0.15;

    /// <summary>Map edge length in metres.</summary>
    public const float MapSize = 4000;

    /// <summary>The demo's 13 columns (~50 bytes per entity plus names), plus the two player-only columns.</summary>
    public static WorldSchema Schema() => PlayerColumns.AddTo(new WorldSchemaBuilder()
        .Add<float>("x").Add<float>("y").Add<float>("z")
        .Add<float>("vx").Add<float>("vy")
        .Add<float>("yaw")
        .Add<int>("hp", 100)
        .Add<ushort>("kind").Add<ushort>("flags")
        .Add<uint>("owner")
        .Add<long>("spawned_tick")
        .AddUtf8("name"))
        .Build();

    /// <summary>Generates a world of <paramref name="entities"/> entities from <paramref name="seed"/>.</summary>
    public static GameWorld Generate(int entities, int seed)
    {
        var world = new GameWorld(Schema(), Math.Max(1024, entities + (entities / 8)));
        var random = new Random(seed);
        var settlements = new (float X, float Y)[64];
        for (var i = 0; i < settlements.Length; i++) settlements[i] = (random.NextSingle() * MapSize, random.NextSingle() * MapSize);
        var npcs = (int)(entities * NpcShare);
        var props = entities - npcs;
        for (var i = 0; i < entities; i++) world.Spawn();

        var x = world.GetColumn<float>("x").Write();
        var y = world.GetColumn<float>("y").Write();
        var z = world.GetColumn<float>("z").Write();
        var vx = world.GetColumn<float>("vx").Write();
        var vy = world.GetColumn<float>("vy").Write();
        var yaw = world.GetColumn<float>("yaw").Write();
        var hp = world.GetColumn<int>("hp").Write();
        var kind = world.GetColumn<ushort>("kind").Write();
        var owner = world.GetColumn<uint>("owner").Write();
        var names = world.GetBlobColumn("name");
        for (var row = 0; row < entities; row++)
        {
            var s = settlements[(int)(settlements.Length * Math.Pow(random.NextDouble(), 2.5))];
            x[row] = Math.Clamp(s.X + (Gaussian(random) * 80), 0, MapSize);
            y[row] = Math.Clamp(s.Y + (Gaussian(random) * 80), 0, MapSize);
            z[row] = Terrain(x[row], y[row]);
            yaw[row] = random.NextSingle() * MathF.Tau;
            if (row < props)
            {
                kind[row] = (ushort)(8 + random.Next(4));
                hp[row] = 100;
                owner[row] = random.Next(100) < 85 ? 0u : (uint)random.Next(1, 5000);
            }
            else
            {
                var k = 0;
                while (k < 7 && random.Next(2) == 0) k++;
                kind[row] = (ushort)k;
                hp[row] = random.Next(10) == 0 ? random.Next(1, 100) : 100;
                if (random.Next(100) >= 40)
                {
                    vx[row] = Gaussian(random) * 1.5f;
                    vy[row] = Gaussian(random) * 1.5f;
                }

                if (random.Next(4) == 0) names.SetString(row, NpcName(random));
            }
        }

        return world;
    }

    /// <summary>Ground height at a map position: smooth hills.</summary>
    public static float Terrain(float x, float y) => (MathF.Sin(x / 300f) * 40) + (MathF.Cos(y / 450f) * 30) + 100;

    internal static string NpcName(Random random) =>
        Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)] + " the " + Titles[random.Next(Titles.Length)];

    /// <summary>A standard normal sample (Box-Muller).</summary>
    public static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static readonly string[] Syllables = ["Ar", "Bel", "Cor", "Dun", "El", "Fen", "Gar", "Hal", "Ith", "Jor", "Kel", "Lor"];

    private static readonly string[] Titles = ["Wanderer", "Smith", "Guard", "Trader", "Hunter", "Bard"];
}
