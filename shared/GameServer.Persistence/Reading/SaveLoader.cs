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
    /// Loads the newest save of <paramref name="store"/> that decodes completely (a delta: with its whole chain),
    /// reporting every newer save it skipped and why: a damaged delta mid-chain yields the newest intact prefix. No snapshot when no save is valid (or there are none).
    /// </summary>
    /// <exception cref="IOException">The store cannot be listed.</exception>
    public static async Task<LoadResult> LoadLatestAsync(ISaveStore store, CancellationToken cancellationToken = default)
    {
        var skipped = new List<SkippedSave>();
        foreach (var entry in await SaveCatalog.ListAsync(store, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Error is not null)
            {
                skipped.Add(new SkippedSave(entry.Location, entry.Error));
                continue;
            }

            try
            {
                return new LoadResult(await LoadAsync(store, entry.FileName, cancellationToken).ConfigureAwait(false), entry, skipped);
            }
            catch (SaveFormatException e)
            {
                skipped.Add(new SkippedSave(entry.Location, e.Message));
            }
        }

        return new LoadResult(null, null, skipped);
    }
}
