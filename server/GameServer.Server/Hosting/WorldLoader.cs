using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.World;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Hosting;

/// <summary>The world a server starts with: the newest save of its folder that verifies, else a new one from the game.</summary>
/// <remarks>Logs each damaged save it skips and why (renaming a save damaged in itself to <c>*.corrupt</c>), columns the save lacks or has extra, and what it loaded or generated.</remarks>
internal sealed partial class WorldLoader(IGame game, GameSettings settings, ILogger log)
{
    /// <summary>
    /// Loads or generates the world of <paramref name="worldName"/> whose saves live in <paramref name="store"/>;
    /// also says which world id its saves carry and the sequence the next save takes.
    /// </summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    /// <exception cref="SchemaMismatchException">The newest valid save cannot be restored into the game's schema.</exception>
    public GameWorld LoadOrGenerate(ISaveStore store, string worldName, out WorldIdentity identity, out long nextSequence)
    {
        // Only this world's saves count: another world's save copied into the folder is skipped with both names.
        var latest = SaveLoader.LoadLatestAsync(store, worldName, setAsideDamaged: !store.IsReadOnly).GetAwaiter().GetResult();
        foreach (var skipped in latest.Skipped) LogSkipped(skipped.Location, skipped.Reason);
        nextSequence = SaveCatalog.NextSequence(latest.Listed);
        identity = latest.Entry?.WorldId is { } loadedId ? new WorldIdentity(worldName, loadedId) : WorldIdentity.Resolve(worldName, latest.Listed);
        foreach (var aside in latest.SetAside) LogSetAside(aside.Location, aside.NewName);
        if (latest.Snapshot is { } snapshot)
        {
            using (snapshot)
            {
                var world = new GameWorld(game.CreateSchema(), Math.Max(1024, snapshot.Count + (snapshot.Count / 8)));
                var report = world.Restore(snapshot);
                LogLoaded(latest.Entry!.Location, world.Tick, world.Count);
                if (report.DefaultedColumns.Count > 0) LogDefaulted(string.Join(", ", report.DefaultedColumns));
                if (report.IgnoredColumns.Count > 0) LogIgnored(string.Join(", ", report.IgnoredColumns));
                return world;
            }
        }

        var generated = game.Generate(settings);
        LogGenerated(worldName, settings.Seed, generated.Tick, generated.Count);
        return generated;
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
