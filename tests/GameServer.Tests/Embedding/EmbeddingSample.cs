using System.Numerics;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Embedding;

/// <summary>The README's embedding sample, compiled and run by the test suite so it stays true.</summary>
internal static class EmbeddingSample
{
    public static async Task<SaveResult> RunAsync(string savesRoot, int ticks)
    {
        // begin-sample
        // 1. The world's saves: a folder store (any ISaveStore works), held by this process alone.
        var store = new LocalFolderStore(Path.Combine(savesRoot, "demo"));
        await using var lease = await store.AcquireWriterLeaseAsync(); // throws, naming the holder, if another server has it

        // 2. The game declares its columns; the world resumes from the newest valid save, if any.
        var schema = new WorldSchemaBuilder()
            .Add<Vector3>("position").Add<float>("yaw").Add<int>("hp", 100).AddUtf8("name").Build();
        var world = new GameWorld(schema, initialCapacity: 10_000);
        using (var latest = (await SaveLoader.LoadLatestAsync(store)).Snapshot) if (latest is not null) world.Restore(latest);
        while (world.Count < 1000) world.Spawn();
        var position = world.GetColumn<Vector3>("position");

        // 3. One snapshot buffer (it holds the base of the next delta save) and the autosave task writing into the store.
        var pool = new SnapshotPool(maxSnapshots: 1);
        using var autosave = new AutosaveService(
            new AutosaveOptions { WorldName = "demo", Interval = TimeSpan.FromSeconds(60) },
            pool, store);

        // 4. The tick loop: simulate, then let autosave capture between ticks (a memory copy).
        for (var tick = 0; tick < ticks; tick++)
        {
            world.AdvanceTick();
            foreach (ref var p in position.Write()) p.X += 0.1f; // marks the chunks it touches
            autosave.OnBetweenTicks(world);
        }

        // 5. On shutdown: one final save, waited for.
        return autosave.SaveAndWait(world, SaveKind.Auto, null, TimeSpan.FromSeconds(30));
        // end-sample
    }
}
