using System.Numerics;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Embedding;

/// <summary>The README's embedding sample, compiled and run by the test suite so it stays true.</summary>
internal static class EmbeddingSample
{
    public static SaveResult Run(string savesRoot, int ticks)
    {
        // begin-sample
        // 1. The game declares its columns; the world resumes from the newest valid save, if any.
        var schema = new WorldSchemaBuilder()
            .Add<Vector3>("position").Add<float>("yaw").Add<int>("hp", 100).AddUtf8("name").Build();
        var world = new GameWorld(schema, initialCapacity: 10_000);
        var folder = Path.Combine(savesRoot, "demo");
        using (var latest = SaveLoader.LoadLatest(folder).Snapshot) if (latest is not null) world.Restore(latest);
        while (world.Count < 1000) world.Spawn();
        var position = world.GetColumn<Vector3>("position");

        // 2. A bounded pool of snapshot buffers and the autosave task writing to saves/demo/.
        var pool = new SnapshotPool(maxSnapshots: 2);
        using var autosave = new AutosaveService(
            new AutosaveOptions { WorldName = "demo", Interval = TimeSpan.FromSeconds(60) },
            pool, new LocalFolderStorage(folder));

        // 3. The tick loop: simulate, then let autosave capture between ticks (a memory copy).
        for (var tick = 0; tick < ticks; tick++)
        {
            world.AdvanceTick();
            foreach (ref var p in position.Write()) p.X += 0.1f; // marks the chunks it touches
            autosave.OnBetweenTicks(world);
        }

        // 4. On shutdown: one final save, waited for.
        return autosave.SaveAndWait(world, SaveKind.Auto, null, TimeSpan.FromSeconds(30));
        // end-sample
    }
}
