using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Reading;

/// <summary>Lists the saves of a store, newest first, reading headers only.</summary>
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

        return entries
            .OrderByDescending(e => e.CapturedAtUtc)
            .ThenByDescending(e => e.Tick)
            .ThenByDescending(e => e.FileName, StringComparer.Ordinal)
            .ToList();
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
