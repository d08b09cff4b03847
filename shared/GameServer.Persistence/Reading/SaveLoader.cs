using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.World.Snapshots;

namespace GameServer.Persistence.Reading;

/// <summary>Loads saves, verifying every checksum; load-latest falls back past damaged saves.</summary>
public static class SaveLoader
{
    /// <summary>Decodes save <paramref name="name"/> of <paramref name="store"/> into a detached snapshot (a delta through its chain: <see cref="SaveChain"/>).</summary>
    /// <exception cref="SaveFormatException">The save or a save of its chain is missing, damaged, unlinked, or not a supported save.</exception>
    public static Task<WorldSnapshot> LoadAsync(ISaveStore store, string name, CancellationToken cancellationToken = default) =>
        SaveChain.ReadAsync(store, name, cancellationToken);

    /// <summary>
    /// Loads the newest save (by <see cref="Format.SaveOrder"/>: sequence, not wall time) of <paramref name="store"/> that decodes completely (a delta: with its whole chain),
    /// reporting every newer save it skipped and why (and, first, every entry named like a save that is no regular file): a damaged delta mid-chain yields the newest intact prefix. No snapshot when no save is valid (or there are none).
    /// </summary>
    /// <exception cref="IOException">The store cannot be listed.</exception>
    public static Task<LoadResult> LoadLatestAsync(ISaveStore store, CancellationToken cancellationToken = default) =>
        LoadLatestAsync(store, worldName: null, cancellationToken);

    /// <summary>
    /// As <see cref="LoadLatestAsync(ISaveStore, CancellationToken)"/>, but only saves whose header names world
    /// <paramref name="worldName"/> count: another world's save copied into the store is skipped with a reason naming both worlds.
    /// </summary>
    /// <exception cref="IOException">The store cannot be listed.</exception>
    public static async Task<LoadResult> LoadLatestAsync(ISaveStore store, string? worldName, CancellationToken cancellationToken = default)
    {
        var skipped = new List<SkippedSave>();
        foreach (var ignored in await store.ListIgnoredAsync(cancellationToken).ConfigureAwait(false))
            skipped.Add(new SkippedSave(store.LocationOf(ignored.Name), ignored.Reason));
        var listed = await SaveCatalog.ListAsync(store, cancellationToken).ConfigureAwait(false);
        // Names only: the id is told by the newest save of this name (named in messages), and a newer save of this
        // name that fails to decode must not make the older ones look foreign.
        var thisWorld = worldName is null ? null : new WorldIdentity(worldName, listed.FirstOrDefault(e => e.WorldName == worldName && e.WorldId is not null)?.WorldId ?? Guid.Empty);
        foreach (var entry in listed)
        {
            if (entry.Error is not null)
            {
                skipped.Add(new SkippedSave(entry.Location, entry.Error));
                continue;
            }

            if (thisWorld?.WhyOtherName(entry.Header!) is { } foreign)
            {
                skipped.Add(new SkippedSave(entry.Location, foreign));
                continue;
            }

            try
            {
                return new LoadResult(await LoadAsync(store, entry.FileName, cancellationToken).ConfigureAwait(false), entry, skipped) { Listed = listed };
            }
            catch (SaveFormatException e)
            {
                skipped.Add(new SkippedSave(entry.Location, e.Message));
            }
        }

        return new LoadResult(null, null, skipped) { Listed = listed };
    }
}
