namespace GameServer.Persistence.Storage.Local;

/// <summary>
/// A world's saves as files in one local folder, committed crash-safely through an <see cref="IDurableFileSystem"/>.
/// </summary>
/// <remarks>
/// A put calls the file system in exactly this order: create the temp file (<see cref="SaveNames.Temp"/>,
/// hidden), write, fsync it, close it, rename it to the final name, fsync the folder. Any failure before
/// the rename closes and deletes the temp file (a folder removed while running is recreated, with the writer
/// lease's lock file re-taken in it, before the create is retried once), so no partial file ever carries a save name and earlier
/// saves are untouched; a crash leaves at most a temp file, removed by <see cref="RemoveStaleStagingAsync"/>.
/// A delete fsyncs the folder before it returns, so deletes reach the disk in the order they were made.
/// Names starting with '.' (temp files, the <c>.writer.lock</c> lease file) are the store's own and are
/// never listed. Every task completes synchronously (blocking I/O on the caller's thread): call it off the
/// tick thread. A read-only store (<see cref="OpenReadOnly"/>) creates no folder, takes no lock, writes nothing.
/// </remarks>
public sealed class LocalFolderStore : ISaveStore
{
    /// <summary>Name of the lease's lock file in the folder.</summary>
    public const string LockFileName = ".writer.lock";

    private readonly IDurableFileSystem _files;
    private FolderWriterLease? _lease; // the lease this store holds: re-taken when the folder is recreated

    /// <summary>Uses (and creates) <paramref name="folder"/> for reading and writing.</summary>
    /// <param name="folder">The world's save folder.</param>
    /// <param name="fileSystem">The file-system seam (default: the real one).</param>
    public LocalFolderStore(string folder, IDurableFileSystem? fileSystem = null)
        : this(folder, fileSystem, readOnly: false)
    {
    }

    private LocalFolderStore(string folder, IDurableFileSystem? fileSystem, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Location = Path.GetFullPath(folder);
        _files = fileSystem ?? PosixFileSystem.Instance;
        IsReadOnly = readOnly;
        if (!readOnly) _files.CreateFolder(Location);
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public bool IsReadOnly { get; }

    /// <summary>Opens <paramref name="folder"/> for reading only: nothing is created, locked or written (the inspector).</summary>
    public static LocalFolderStore OpenReadOnly(string folder, IDurableFileSystem? fileSystem = null) => new(folder, fileSystem, readOnly: true);

    /// <inheritdoc />
    public string LocationOf(string name) => Path.Combine(Location, name);

    /// <inheritdoc />
    public Task<IReadOnlyList<SaveStoreEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = new List<SaveStoreEntry>();
        foreach (var file in _files.List(Location))
        {
            if (!file.Name.StartsWith('.')) entries.Add(new SaveStoreEntry(file.Name, file.Length, file.LastWriteUtc));
        }

        return Task.FromResult<IReadOnlyList<SaveStoreEntry>>(entries);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IgnoredStoreEntry>> ListIgnoredAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_files.ListIgnored(Location));
    }

    /// <inheritdoc />
    public Task<ISaveReadHandle> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        cancellationToken.ThrowIfCancellationRequested();
        var location = LocationOf(name);
        return Task.FromResult<ISaveReadHandle>(new ReadHandle(name, location, _files.OpenRead(location)));
    }

    /// <inheritdoc />
    public async Task PutAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        ArgumentNullException.ThrowIfNull(write);
        ThrowIfReadOnly();
        cancellationToken.ThrowIfCancellationRequested();
        if (_lease is { Lost: true } lost) throw lost.LostError();
        var temp = LocationOf(SaveNames.Temp(name));
        var file = CreateRecreatingFolder(temp);
        var closed = false;
        var renamed = false;
        try
        {
            using (var stream = new DurableFileStream(_files, file))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            _files.Fsync(file);
            _files.Close(file);
            closed = true;
            cancellationToken.ThrowIfCancellationRequested();
            _files.Rename(temp, LocationOf(name));
            renamed = true;
            _files.FsyncFolder(Location);
        }
        finally
        {
            if (!renamed) Abandon(file, closed);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        ThrowIfReadOnly();
        cancellationToken.ThrowIfCancellationRequested();
        _files.Delete(LocationOf(name));

        // Each delete is made durable before the next: retention deletes a chain newest-first, and without the
        // folder fsync a power loss could keep a later delete (a delta's base) and drop an earlier one (the delta),
        // leaving a delta whose base is gone.
        _files.FsyncFolder(Location);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>One rename that never replaces a file, then a folder fsync, so the rename survives a power loss.</remarks>
    public Task<string> QuarantineAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        ThrowIfReadOnly();
        cancellationToken.ThrowIfCancellationRequested();
        for (var attempt = 0; attempt < SaveNames.MaxCorruptNameAttempts; attempt++)
        {
            var target = SaveNames.Corrupt(name, attempt);
            try
            {
                _files.Rename(LocationOf(name), LocationOf(target));
            }
            catch (SaveAlreadyExistsException)
            {
                continue;
            }

            _files.FsyncFolder(Location);
            return Task.FromResult(target);
        }

        throw new IOException($"cannot set {LocationOf(name)} aside: {SaveNames.MaxCorruptNameAttempts} names are taken");
    }

    /// <inheritdoc />
    public Task<long?> GetFreeBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_files.FreeBytes(Location));

    /// <inheritdoc />
    public Task<long?> GetVolumeBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_files.VolumeBytes(Location));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RemoveStaleStagingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfReadOnly();
        var removed = new List<string>();
        foreach (var file in _files.List(Location))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!SaveNames.IsTemp(file.Name)) continue;
            _files.Delete(LocationOf(file.Name));
            removed.Add(file.Name);
        }

        return Task.FromResult<IReadOnlyList<string>>(removed);
    }

    /// <inheritdoc />
    public Task<IWriterLease> AcquireWriterLeaseAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfReadOnly();
        cancellationToken.ThrowIfCancellationRequested();
        var holder = WriterLeaseHolder.Current();
        var fileLock = _files.TryLock(LocationOf(LockFileName), holder.Serialize(), out var current);
        if (fileLock is null) throw new WriterLeaseUnavailableException(Location, WriterLeaseHolder.TryParse(current));
        var lease = new FolderWriterLease(this, fileLock, holder);
        _lease = lease;
        return Task.FromResult<IWriterLease>(lease);
    }

    /// <summary>Creates <paramref name="temp"/>; when the folder was removed while the server ran, recreates it once and tries again.</summary>
    /// <remarks>Only the failing path pays for the extra call, so a normal put keeps its documented call order.</remarks>
    private DurableFile CreateRecreatingFolder(string temp)
    {
        try
        {
            return _files.Create(temp);
        }
        catch (DirectoryNotFoundException)
        {
            _files.CreateFolder(Location);
            RetakeLease();
            return _files.Create(temp);
        }
    }

    /// <summary>
    /// The lock file went with the removed folder, so the lock this store holds guards nothing any more: takes
    /// it again in the recreated folder. If another server got there first, the lease is lost and every later
    /// put is refused (loudly, naming the holder) rather than writing into a world someone else now owns.
    /// </summary>
    private void RetakeLease()
    {
        if (_lease is not { } lease) return;
        var fileLock = _files.TryLock(LocationOf(LockFileName), lease.Holder.Serialize(), out var current);
        if (fileLock is null)
        {
            lease.MarkLost(WriterLeaseHolder.TryParse(current));
            throw lease.LostError();
        }

        lease.Replace(fileLock);
    }

    /// <summary>Closes and deletes an unfinished temp file; the original failure is what the caller sees.</summary>
    private void Abandon(DurableFile file, bool closed)
    {
        try
        {
            if (!closed) _files.Close(file);
            _files.Delete(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is removed by the next RemoveStaleStagingAsync.
        }
    }

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly) throw new InvalidOperationException($"the save store {Location} was opened read-only");
    }

    private sealed class ReadHandle(string name, string location, IReadableFile file) : ISaveReadHandle
    {
        public string Name => name;

        public string Location => location;

        public long Length => file.Length;

        public int Read(long offset, Span<byte> destination) => file.Read(offset, destination);

        public void Dispose() => file.Dispose();
    }

    private sealed class FolderWriterLease(LocalFolderStore store, IDisposable fileLock, WriterLeaseHolder holder) : IWriterLease
    {
        private IDisposable? _fileLock = fileLock;
        private WriterLeaseHolder? _taker;

        public WriterLeaseHolder Holder => holder;

        /// <summary>Whether another server took the world after its folder was removed and recreated.</summary>
        public bool Lost { get; private set; }

        public void MarkLost(WriterLeaseHolder? taker)
        {
            _taker = taker;
            Lost = true;
            Interlocked.Exchange(ref _fileLock, null)?.Dispose();
        }

        public WriterLeaseUnavailableException LostError() => new(store.Location, _taker);

        /// <summary>Swaps in the lock taken in the recreated folder; the old one (on the removed file) is released.</summary>
        public void Replace(IDisposable newLock) => Interlocked.Exchange(ref _fileLock, newLock)?.Dispose();

        public void Dispose()
        {
            Interlocked.CompareExchange(ref store._lease, null, this);
            Interlocked.Exchange(ref _fileLock, null)?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
