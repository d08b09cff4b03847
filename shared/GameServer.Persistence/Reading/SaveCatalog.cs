using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Reading;

/// <summary>Lists the saves of a store, newest first (by <see cref="SaveOrder"/>: sequence, not wall time), reading headers only.</summary>
public static class SaveCatalog
{
    /// <summary>Every entry of <paramref name="store"/> with a save name, newest first.</summary>
    /// <exception cref="IOException">The store cannot be listed.</exception>
    public static async Task<IReadOnlyList<SaveEntry>> ListAsync(ISaveStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = new List<SaveEntry>();
        foreach (var stored in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!stored.Name.EndsWith(SaveFormat.Extension, StringComparison.Ordinal) || !SaveNames.TryParse(stored.Name, out var name)) continue;
            entries.Add(await DescribeAsync(store, stored, name, cancellationToken).ConfigureAwait(false));
        }

        SaveOrder.SortNewestFirst(entries, e => e.Order);
        return entries;
    }

    /// <summary>
    /// The sequence the next save of a store listed as <paramref name="entries"/> takes: one more than the highest
    /// of every readable header (any world's, so a new save is always the newest in the store), 1 in an empty one.
    /// </summary>
    public static long NextSequence(IEnumerable<SaveEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long highest = 0;
        foreach (var entry in entries) highest = Math.Max(highest, entry.Sequence);
        return highest + 1; // headers are validated to at most SaveFormat.MaxSequence: no overflow
    }

    /// <summary>Reads one save's header into an entry; a damaged header becomes <see cref="SaveEntry.Error"/>.</summary>
    public static async Task<SaveEntry> DescribeAsync(ISaveStore store, SaveStoreEntry stored, SaveName name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var location = store.LocationOf(stored.Name);
        try
        {
            using var file = await SaveFile.OpenAsync(store, stored.Name, cancellationToken).ConfigureAwait(false);
            return new SaveEntry(location, name, file.FileLength, file.Header, file.FormatVersion, null);
        }
        catch (SaveFormatException e)
        {
            return new SaveEntry(location, name, stored.Length, null, 0, e.Message);
        }
        catch (IOException e)
        {
            return new SaveEntry(location, name, stored.Length, null, 0, e.Message);
        }
    }
}
