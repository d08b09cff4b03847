namespace GameServer.Persistence.Storage.InMemory;

/// <summary>An <see cref="ISaveStore"/> in memory: for tests, the server's and embedders' alike.</summary>
/// <remarks>
/// Meets the same contract as the folder store (the shared contract tests prove it): a put becomes visible
/// only once its callback has finished, existing names are never overwritten, the lease is exclusive.
/// Thread-safe. Saves are byte arrays that never change, so an open handle keeps reading a deleted save.
/// </remarks>
public sealed class InMemorySaveStore : ISaveStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Blob> _saves = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private object? _leaseToken; // identifies the current lease, so a stale lease's Dispose releases nothing
    private WriterLeaseHolder? _leaseHolder;

    /// <summary>Creates an empty store; <paramref name="location"/> names it in messages.</summary>
    public InMemorySaveStore(string location = "memory", TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        Location = location;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public string LocationOf(string name) => $"{Location}/{name}";

    /// <inheritdoc />
    public Task<IReadOnlyList<SaveStoreEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entries = new List<SaveStoreEntry>(_saves.Count);
            foreach (var (name, blob) in _saves) entries.Add(new SaveStoreEntry(name, blob.Bytes.Length, blob.WrittenUtc));
            return Task.FromResult<IReadOnlyList<SaveStoreEntry>>(entries);
        }
    }

    /// <inheritdoc />
    public Task<ISaveReadHandle> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_saves.TryGetValue(name, out var blob)) throw new FileNotFoundException($"no save named '{name}' in {Location}", LocationOf(name));
            return Task.FromResult<ISaveReadHandle>(new ReadHandle(name, LocationOf(name), blob.Bytes));
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        using (var staging = new MemoryStream())
        {
            await write(staging, cancellationToken).ConfigureAwait(false);
            bytes = staging.ToArray();
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_saves.ContainsKey(name)) throw new SaveAlreadyExistsException(LocationOf(name));
            _saves.Add(name, new Blob(bytes, _time.GetUtcNow().UtcDateTime));
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) _saves.Remove(name);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string> QuarantineAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_saves.TryGetValue(name, out var blob)) throw new FileNotFoundException($"no save named '{name}' in {Location}", LocationOf(name));
            for (var attempt = 0; attempt < SaveNames.MaxCorruptNameAttempts; attempt++)
            {
                var target = SaveNames.Corrupt(name, attempt);
                if (!_saves.TryAdd(target, blob)) continue;
                _saves.Remove(name);
                return Task.FromResult(target);
            }
        }

        throw new IOException($"cannot set {LocationOf(name)} aside: {SaveNames.MaxCorruptNameAttempts} names are taken");
    }

    /// <inheritdoc />
    public Task<long?> GetFreeBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

    /// <inheritdoc />
    /// <remarks>A put stages in memory, so nothing is ever left behind.</remarks>
    public Task<IReadOnlyList<string>> RemoveStaleStagingAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public Task<IWriterLease> AcquireWriterLeaseAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_leaseToken is not null) throw new WriterLeaseUnavailableException(Location, _leaseHolder);
            var token = new object();
            _leaseToken = token;
            _leaseHolder = WriterLeaseHolder.Current();
            return Task.FromResult<IWriterLease>(new Lease(this, _leaseHolder, token));
        }
    }

    private void Release(object token)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_leaseToken, token)) return;
            _leaseToken = null;
            _leaseHolder = null;
        }
    }

    private sealed record Blob(byte[] Bytes, DateTime WrittenUtc);

    private sealed class ReadHandle(string name, string location, byte[] bytes) : ISaveReadHandle
    {
        public string Name => name;

        public string Location => location;

        public long Length => bytes.Length;

        public int Read(long offset, Span<byte> destination)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            if (offset >= bytes.Length) return 0;
            var n = (int)Math.Min(destination.Length, bytes.Length - offset);
            bytes.AsSpan((int)offset, n).CopyTo(destination);
            return n;
        }

        public void Dispose()
        {
        }
    }

    private sealed class Lease(InMemorySaveStore store, WriterLeaseHolder holder, object token) : IWriterLease
    {
        public WriterLeaseHolder Holder => holder;

        public void Dispose() => store.Release(token);

        public ValueTask DisposeAsync()
        {
            store.Release(token);
            return ValueTask.CompletedTask;
        }
    }
}
