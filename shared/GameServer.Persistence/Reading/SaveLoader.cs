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
        LoadLatestAsync(store, worldName: null, setAsideDamaged: false, cancellationToken);

    /// <summary>
    /// As <see cref="LoadLatestAsync(ISaveStore, CancellationToken)"/>, but only saves whose header names world
    /// <paramref name="worldName"/> count: another world's save copied into the store is skipped with a reason naming both worlds.
    /// </summary>
    /// <exception cref="IOException">The store cannot be listed.</exception>
    public static Task<LoadResult> LoadLatestAsync(ISaveStore store, string? worldName, CancellationToken cancellationToken = default) =>
        LoadLatestAsync(store, worldName, setAsideDamaged: false, cancellationToken);

    /// <summary>
    /// As <see cref="LoadLatestAsync(ISaveStore, string, bool, CancellationToken)"/> for any world.
    /// </summary>
    /// <exception cref="IOException">The store cannot be listed.</exception>
    public static Task<LoadResult> LoadLatestAsync(ISaveStore store, bool setAsideDamaged, CancellationToken cancellationToken = default) =>
        LoadLatestAsync(store, worldName: null, setAsideDamaged, cancellationToken);

    /// <summary>
    /// As <see cref="LoadLatestAsync(ISaveStore, string, CancellationToken)"/>; with <paramref name="setAsideDamaged"/>, every
    /// skipped save that is damaged in itself (<see cref="SaveDamage"/>) is renamed aside through
    /// <see cref="ISaveStore.QuarantineAsync"/> (<c>*.corrupt</c>, never deleted) and listed in <see cref="LoadResult.SetAside"/>.
    /// </summary>
    /// <remarks>
    /// For the server's load at start, under the writer lease; never for a read-only reader (the inspector). A save
    /// skipped only because its chain is broken, it cannot be read now, or it belongs to another world keeps its name.
    /// A rename that fails is named in the skipped save's reason and changes nothing else.
    /// </remarks>
    /// <exception cref="IOException">The store cannot be listed.</exception>
    public static async Task<LoadResult> LoadLatestAsync(ISaveStore store, string? worldName, bool setAsideDamaged, CancellationToken cancellationToken = default)
    {
        var skipped = new List<SkippedSave>();
        var setAside = new List<SetAsideSave>();
        foreach (var ignored in await store.ListIgnoredAsync(cancellationToken).ConfigureAwait(false))
            skipped.Add(new SkippedSave(store.LocationOf(ignored.Name), ignored.Reason));
        var listed = await SaveCatalog.ListAsync(store, cancellationToken).ConfigureAwait(false);
        // Names only: the id is told by the newest save of this name (named in messages), and a newer save of this
        // name that fails to decode must not make the older ones look foreign.
        var thisWorld = worldName is null ? null : new WorldIdentity(worldName, listed.FirstOrDefault(e => e.WorldName == worldName && e.WorldId is not null)?.WorldId ?? Guid.Empty);
        foreach (var entry in listed)
        {
            string reason;
            if (entry.Error is not null)
            {
                reason = entry.Error;
            }
            else if (thisWorld?.WhyOtherName(entry.Header!) is { } foreign)
            {
                // Another world's save is valid: it keeps its name.
                skipped.Add(new SkippedSave(entry.Location, foreign));
                continue;
            }
            else
            {
                try
                {
                    var snapshot = await LoadAsync(store, entry.FileName, cancellationToken).ConfigureAwait(false);
                    return new LoadResult(snapshot, entry, skipped) { Listed = listed, SetAside = setAside };
                }
                catch (SaveFormatException e)
                {
                    reason = e.Message;
                }
            }

            if (setAsideDamaged) reason += await SetAsideIfDamagedAsync(store, entry, setAside, cancellationToken).ConfigureAwait(false);
            skipped.Add(new SkippedSave(entry.Location, reason));
        }

        return new LoadResult(null, null, skipped) { Listed = listed, SetAside = setAside };
    }

    private static async Task<string> SetAsideIfDamagedAsync(ISaveStore store, SaveEntry entry, List<SetAsideSave> setAside, CancellationToken cancellationToken)
    {
        if (await SaveDamage.FindAsync(store, entry.FileName, cancellationToken).ConfigureAwait(false) is null) return "";
        try
        {
            var newName = await store.QuarantineAsync(entry.FileName, cancellationToken).ConfigureAwait(false);
            setAside.Add(new SetAsideSave(entry.Location, newName));
            return "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return $" (could not set it aside: {e.Message})";
        }
    }
}
