using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.World.Snapshots;

namespace GameServer.Server.Saves;

/// <summary>The running world's saves as commands see them: list, find one by name, decode it. Off the tick thread.</summary>
/// <remarks>Every read runs on the thread pool; the one place the server's commands touch save storage.</remarks>
/// <param name="store">The world's saves.</param>
/// <param name="identity">The running world: a save of another world is never found for loading (null: any world).</param>
public sealed class WorldSaves(ISaveStore store, WorldIdentity? identity = null)
{
    private readonly ISaveStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Where this world's saves live (shown by <c>status</c> and <c>saves</c>).</summary>
    public string Location => _store.Location;

    /// <summary>This world's saves, newest first (headers only).</summary>
    public Task<IReadOnlyList<SaveEntry>> ListAsync() => Task.Run(() => SaveCatalog.ListAsync(_store));

    /// <summary>
    /// The one save <paramref name="wanted"/> names: its exact file name, else the only save whose name
    /// contains it. Fails (with the reason) when none or several match, or its header cannot be read.
    /// </summary>
    public async Task<SaveLookup> FindAsync(string wanted)
    {
        ArgumentException.ThrowIfNullOrEmpty(wanted);
        var entries = await ListAsync().ConfigureAwait(false);
        var matches = entries.Where(e => e.FileName == wanted).ToList();
        if (matches.Count == 0) matches = entries.Where(e => e.FileName.Contains(wanted, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            0 => SaveLookup.Failed($"no save matches '{wanted}' (see 'saves')"),
            > 1 => SaveLookup.Failed($"'{wanted}' matches {matches.Count} saves; give more of the name"),
            _ when matches[0].Error is { } damaged => SaveLookup.Failed($"cannot load {matches[0].FileName}: {damaged}"),
            _ when identity?.WhyForeign(matches[0].Header!) is { } foreign => SaveLookup.Failed($"cannot load {matches[0].FileName}: {foreign}"),
            _ => SaveLookup.Found(matches[0]),
        };
    }

    /// <summary>Decodes <paramref name="entry"/>, verifying every checksum, into a detached snapshot the caller disposes.</summary>
    /// <exception cref="SaveFormatException">The save is damaged or not a supported format.</exception>
    public Task<WorldSnapshot> LoadAsync(SaveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Task.Run(() => SaveLoader.LoadAsync(_store, entry.FileName));
    }
}
