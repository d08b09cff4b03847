using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Hosting;

/// <summary>The world a server starts with: the newest save of its folder that verifies, else a new one from the game.</summary>
/// <remarks>Logs each damaged save it skips and why (renaming a save damaged in itself to <c>*.corrupt</c>), columns the save lacks or has extra, and what it loaded or generated.</remarks>
internal sealed partial class WorldLoader(IGame game, GameSettings settings, ILogger log)
{
    /// <summary>
    /// Loads or generates the world of <paramref name="worldName"/> whose saves live in <paramref name="store"/>;
    /// also says which world id its saves carry and the sequence the next save takes.
    /// A loaded snapshot with exactly the game's columns becomes <paramref name="pool"/>'s buffer (no second copy);
    /// when it is also the newest save (nothing skipped), the next autosave may be a delta against it.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    /// <exception cref="SchemaMismatchException">The newest valid save cannot be restored into the game's schema.</exception>
    public LoadedWorld LoadOrGenerate(ISaveStore store, string worldName, SnapshotPool pool, out WorldIdentity identity, out long nextSequence)
    {
        // Only this world's saves count: another world's save copied into the folder is skipped with both names.
        var latest = SaveLoader.LoadLatestAsync(store, worldName, setAsideDamaged: !store.IsReadOnly).GetAwaiter().GetResult();
        foreach (var skipped in latest.Skipped) LogSkipped(skipped.Location, skipped.Reason);
        nextSequence = SaveCatalog.NextSequence(latest.Listed);
        identity = latest.Entry?.WorldId is { } loadedId ? new WorldIdentity(worldName, loadedId) : WorldIdentity.Resolve(worldName, latest.Listed);
        foreach (var aside in latest.SetAside) LogSetAside(aside.Location, aside.NewName);
        if (latest.Snapshot is { } snapshot)
        {
            var kept = false;
            try
            {
                var world = new GameWorld(game.CreateSchema(), Math.Max(1024, snapshot.Count + (snapshot.Count / 8)));
                var report = pool.Restore(world, snapshot, out kept);
                LogLoaded(latest.Entry!.Location, world.Tick, world.Count);
                if (report.DefaultedColumns.Count > 0) LogDefaulted(string.Join(", ", report.DefaultedColumns));
                if (report.IgnoredColumns.Count > 0) LogIgnored(string.Join(", ", report.IgnoredColumns));
                var entry = latest.Entry!;
                if (!kept || latest.Skipped.Count > 0 || entry.SaveId is null) return new LoadedWorld(world, null, entry, 0, 0);
                var (full, deltas) = ChainBytes(store, entry.FileName);
                return new LoadedWorld(world, snapshot, entry, full, deltas);
            }
            finally
            {
                if (!kept) snapshot.Dispose();
            }
        }

        var generated = game.Generate(settings);
        LogGenerated(worldName, settings.Seed, generated.Tick, generated.Count);
        return new LoadedWorld(generated, null, null, 0, 0);
    }

    // File bytes of the loaded save's chain: its full save, and the deltas up to it (the full-save policy needs both).
    private static (long Full, long Deltas) ChainBytes(ISaveStore store, string name)
    {
        var files = SaveChain.OpenAsync(store, name).GetAwaiter().GetResult();
        try
        {
            long full = 0, deltas = 0;
            foreach (var file in files)
            {
                if (file.Header.IsDelta) deltas += file.FileLength;
                else full += file.FileLength;
            }

            return (full, deltas);
        }
        finally
        {
            foreach (var file in files) file.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "skipped save {File}: {Reason}")]
    private partial void LogSkipped(string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "renamed damaged save {File} to {NewName} (kept for inspection; remove it by hand)")]
    private partial void LogSetAside(string file, string newName);

    [LoggerMessage(Level = LogLevel.Information, Message = "loaded {File}: tick={Tick} entities={Entities}")]
    private partial void LogLoaded(string file, long tick, int entities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "columns missing from the save took their defaults: {Columns}")]
    private partial void LogDefaulted(string columns);

    [LoggerMessage(Level = LogLevel.Warning, Message = "columns in the save that this server does not know were ignored: {Columns}")]
    private partial void LogIgnored(string columns);

    [LoggerMessage(Level = LogLevel.Information, Message = "no valid save found; generated world '{World}' from seed {Seed}: tick={Tick} entities={Entities}")]
    private partial void LogGenerated(string world, int seed, long tick, int entities);
}

/// <summary>The world a server starts with and, when it was loaded from the newest save into the pool's buffer, that buffer and save.</summary>
/// <param name="World">The live world.</param>
/// <param name="Base">The pooled snapshot that holds the loaded save, when the next delta may be taken against it.</param>
/// <param name="Entry">The loaded save, if any.</param>
/// <param name="ChainFullBytes">File bytes of the full save of <see cref="Base"/>'s chain.</param>
/// <param name="ChainDeltaBytes">File bytes of the deltas of that chain up to <see cref="Base"/>.</param>
internal sealed record LoadedWorld(GameWorld World, WorldSnapshot? Base, SaveEntry? Entry, long ChainFullBytes, long ChainDeltaBytes);
