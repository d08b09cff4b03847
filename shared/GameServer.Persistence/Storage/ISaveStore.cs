namespace GameServer.Persistence.Storage;

/// <summary>
/// Where one world's saves live, addressed by name: list, open for random-access reads, put atomically,
/// delete, and a writer lease. The save format is not its concern: a save is a named run of bytes.
/// </summary>
/// <remarks>
/// The contract an object store can meet too (no rename, no folders): a put is all or nothing, so a reader
/// never sees a partial save under its name; names are plain (no separators) and names starting with '.'
/// are reserved to the store. Async where the work is I/O. <see cref="Local.LocalFolderStore"/> is the
/// default, <see cref="InMemory.InMemorySaveStore"/> serves tests and embedders' tests.
/// </remarks>
public interface ISaveStore
{
    /// <summary>Where the saves live, for messages (a folder path for a folder store).</summary>
    string Location { get; }

    /// <summary>Whether this store was opened for reading only (puts, deletes and leases then throw).</summary>
    bool IsReadOnly { get; }

    /// <summary>Where save <paramref name="name"/> is, for messages and logs (its full path in a folder store).</summary>
    string LocationOf(string name);

    /// <summary>Every committed entry (name, length, last-modified UTC), in no particular order.</summary>
    Task<IReadOnlyList<SaveStoreEntry>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Entries named like saves (ending in .gsav) that <see cref="ListAsync"/> leaves out because they are not
    /// saves the store would read (a folder store: folders, symlinks, FIFOs, sockets, devices), each with the
    /// reason, so a loader can say why it passed them over. None by default (a store without such entries).
    /// </summary>
    Task<IReadOnlyList<IgnoredStoreEntry>> ListIgnoredAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IgnoredStoreEntry>>([]);

    /// <summary>Opens save <paramref name="name"/> for random-access reads.</summary>
    /// <exception cref="FileNotFoundException">No save has that name.</exception>
    /// <exception cref="IOException">The store cannot be read.</exception>
    Task<ISaveReadHandle> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new save <paramref name="name"/> whose bytes <paramref name="write"/> writes to the stream it
    /// is given. The save appears complete or not at all: if the callback or the store fails, or the call is
    /// cancelled, nothing is listed under the name and nothing of it is left behind.
    /// </summary>
    /// <exception cref="SaveAlreadyExistsException">A save with that name exists; it is left untouched.</exception>
    /// <exception cref="IOException">The store failed (the original error, e.g. no space left).</exception>
    Task PutAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Deletes save <paramref name="name"/>; a missing save is not an error.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets save <paramref name="name"/> aside under <see cref="SaveNames.Corrupt"/> (the first name not taken),
    /// keeping its bytes, and returns that name; nothing is deleted. For a save that failed verification: the
    /// admin may inspect it and removes it by hand.
    /// </summary>
    /// <exception cref="FileNotFoundException">No save has that name.</exception>
    /// <exception cref="IOException">The store failed, or every candidate name is taken.</exception>
    Task<string> QuarantineAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Bytes this process may still write, or null when the store cannot tell.</summary>
    Task<long?> GetFreeBytesAsync(CancellationToken cancellationToken = default);

    /// <summary>Size in bytes of the volume the saves are on, or null when the store cannot tell (the default).</summary>
    /// <remarks>A default so stores without a volume (memory, blobs) need not say anything; the free-space margin scales by it.</remarks>
    Task<long?> GetVolumeBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

    /// <summary>
    /// Removes what interrupted puts left behind (a folder store's temp files) and returns their names.
    /// Call it only while holding the writer lease: another writer's put in progress looks the same.
    /// </summary>
    Task<IReadOnlyList<string>> RemoveStaleStagingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the exclusive right to write this world's saves, held until the returned lease is disposed. A
    /// crashed holder never keeps it (a folder store's lock dies with the process).
    /// </summary>
    /// <exception cref="WriterLeaseUnavailableException">Another writer holds it; the exception names it.</exception>
    Task<IWriterLease> AcquireWriterLeaseAsync(CancellationToken cancellationToken = default);
}
