using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using GameServer.Persistence.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameServer.Persistence.AzureBlob;

/// <summary>
/// A world's saves as block blobs <c>&lt;prefix&gt;/&lt;world&gt;/&lt;save name&gt;</c> in an Azure Blob Storage
/// container, so a replacement server on another machine resumes the world where its last save left it.
/// </summary>
/// <remarks>
/// A put stages the save's blocks (several at once, on upload threads below the tick thread's priority; a
/// transactional checksum only when <see cref="AzureBlobStoreOptions.TransferChecksum"/> asks for one) and
/// then commits the block list with <c>If-None-Match: *</c>: the save appears whole or not at all, and never
/// replaces another. A crash before the commit leaves only uncommitted blocks, which no listing or read sees
/// and the service discards on its own. The writer lease is a blob lease on the lock blob <c>.writer.lock</c>
/// beside the saves, renewed in the background; its metadata names the holder. Once the lease is lost every
/// write throws, and each commit first renews the lease, so a save is never committed under someone else's
/// lease. Transient failures are retried by the SDK with exponential backoff inside a deadline: a put as a
/// whole has <see cref="AzureBlobStoreOptions.PutDeadline"/>, every other call
/// <see cref="AzureBlobStoreOptions.OperationDeadline"/>; whatever still fails is an <see cref="IOException"/>
/// with a one-line reason, never a raw SDK exception. The connection string is never logged or shown.
/// Thread-safe.
/// </remarks>
public sealed class AzureBlobSaveStore : ISaveStore
{
    /// <summary>Name of the lock blob whose lease is the writer lease.</summary>
    public const string LockBlobName = ".writer.lock";

    private readonly BlobContainerClient _container;
    private readonly string _folder; // "<prefix>/<world>/" (or "<world>/")
    private readonly AzureBlobStoreOptions _options;
    private readonly ILogger _log;
    private BlobWriterLease? _lease;
    private volatile bool _containerReady;
    private int _warnedPriority;

    /// <summary>Uses <paramref name="container"/>; the world's saves live under <c>&lt;prefix&gt;/&lt;world&gt;/</c>.</summary>
    /// <param name="container">The container (created on the first write when missing).</param>
    /// <param name="prefix">Path of all worlds in the container ("" for the root).</param>
    /// <param name="world">The world's name.</param>
    /// <param name="options">Tuning (default: <see cref="AzureBlobStoreOptions"/>' defaults).</param>
    /// <param name="log">Where lease trouble is reported.</param>
    /// <param name="readOnly">Open for reading only: no container is created, no lease taken, nothing written.</param>
    public AzureBlobSaveStore(BlobContainerClient container, string prefix, string world, AzureBlobStoreOptions? options = null, ILogger? log = null, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(world);
        if (world.Contains('/', StringComparison.Ordinal)) throw new ArgumentException($"world name '{world}' contains '/'", nameof(world));
        _container = container;
        _options = options ?? new AzureBlobStoreOptions();
        _options.Validate();
        _log = log ?? NullLogger.Instance;
        var trimmed = prefix.Trim('/');
        _folder = trimmed.Length == 0 ? $"{world}/" : $"{trimmed}/{world}/";
        IsReadOnly = readOnly;
        Location = $"azblob:{container.Name}/{_folder.TrimEnd('/')}";
        if (!readOnly) LoweredUploadThreads.For(_options.UploadThreadNice).EnsureThreads(_options.UploadParallelism);
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The tuning this store runs with (tests check what the environment set).</summary>
    internal AzureBlobStoreOptions Options => _options;

    /// <inheritdoc />
    public bool IsReadOnly { get; }

    /// <summary>Client options with this store's retry policy: exponential backoff on timeouts, 500s and throttling.</summary>
    public static BlobClientOptions ClientOptions(AzureBlobStoreOptions? options = null)
    {
        options ??= new AzureBlobStoreOptions();
        var client = new BlobClientOptions();
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.MaxRetries = options.MaxRetries;
        client.Retry.Delay = options.RetryDelay;
        client.Retry.MaxDelay = options.MaxRetryDelay;
        client.Retry.NetworkTimeout = options.NetworkTimeout;
        return client;
    }

    /// <inheritdoc />
    public string LocationOf(string name) => $"{Location}/{name}";

    /// <inheritdoc />
    public async Task<IReadOnlyList<SaveStoreEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<SaveStoreEntry>();
        using var deadline = BlobErrors.Deadline(_options.OperationDeadline, cancellationToken);
        try
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _folder, deadline.Token).ConfigureAwait(false))
            {
                var name = item.Name[_folder.Length..];
                if (name.StartsWith('.') || name.Contains('/', StringComparison.Ordinal)) continue;
                var modified = item.Properties.LastModified ?? DateTimeOffset.UnixEpoch;
                entries.Add(new SaveStoreEntry(name, item.Properties.ContentLength ?? 0, modified.UtcDateTime));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: no saves yet.
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, cancellationToken))
        {
            throw BlobErrors.Fail($"could not list {Location}", e, _options.OperationDeadline);
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task<ISaveReadHandle> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        var blob = _container.GetBlobClient(_folder + name);
        using var deadline = BlobErrors.Deadline(_options.OperationDeadline, cancellationToken);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: deadline.Token).ConfigureAwait(false)).Value;
            return new BlobReadHandle(blob, name, LocationOf(name), properties.ContentLength, properties.ETag, _options.OperationDeadline);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"no save named '{name}' in {Location}", LocationOf(name), e);
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, cancellationToken))
        {
            throw BlobErrors.Fail($"could not open {LocationOf(name)}", e, _options.OperationDeadline);
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        ArgumentNullException.ThrowIfNull(write);
        ThrowIfReadOnly();
        cancellationToken.ThrowIfCancellationRequested();
        Volatile.Read(ref _lease)?.ThrowIfLost();
        using var deadline = BlobErrors.Deadline(_options.PutDeadline, cancellationToken);
        var token = deadline.Token;
        var blob = _container.GetBlockBlobClient(_folder + name);
        try
        {
            await EnsureContainerAsync(token).ConfigureAwait(false);
            if (await blob.ExistsAsync(token).ConfigureAwait(false)) throw new SaveAlreadyExistsException(LocationOf(name));
            IReadOnlyList<string> blocks;
            var uploads = LoweredUploadThreads.For(_options.UploadThreadNice);
            var staging = new BlockStagingStream(blob, _options, uploads, token);
            await using (staging.ConfigureAwait(false))
            {
                await write(staging, token).ConfigureAwait(false);
                blocks = await staging.CompleteAsync().ConfigureAwait(false);
            }

            WarnOnceIfNotLowered(uploads);

            token.ThrowIfCancellationRequested();
            var lease = Volatile.Read(ref _lease);
            if (lease is not null) await lease.ConfirmAsync(token).ConfigureAwait(false);
            var commit = new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.CommitBlockListAsync(blocks, commit, token).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 && e.ErrorCode is "BlobAlreadyExists" or "ConditionNotMet")
        {
            throw new SaveAlreadyExistsException(LocationOf(name));
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, cancellationToken))
        {
            // Retries given up (e.g. connection refused on every try), an error answer, or the put's deadline.
            throw BlobErrors.Fail($"could not write {LocationOf(name)}", e, _options.PutDeadline);
        }
    }

    private void WarnOnceIfNotLowered(LoweredUploadThreads uploads)
    {
        if (uploads.Problem is { } problem && Interlocked.Exchange(ref _warnedPriority, 1) == 0)
            _log.LogWarning("could not lower the blob upload threads' priority ({Reason}): an upload may delay ticks on a busy machine", problem);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        ThrowIfReadOnly();
        Volatile.Read(ref _lease)?.ThrowIfLost();
        using var deadline = BlobErrors.Deadline(_options.OperationDeadline, cancellationToken);
        try
        {
            await _container.GetBlobClient(_folder + name).DeleteIfExistsAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container: nothing to delete.
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, cancellationToken))
        {
            throw BlobErrors.Fail($"could not delete {LocationOf(name)}", e, _options.OperationDeadline);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Blob storage has no rename: the save is copied to the new name (created only if absent) through this
    /// process, then the original is deleted only if it is still the blob that was copied (its ETag). A crash
    /// in between leaves both, and the next load sets the original aside again under the next free name.
    /// </remarks>
    public async Task<string> QuarantineAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreNames.Validate(name);
        ThrowIfReadOnly();
        Volatile.Read(ref _lease)?.ThrowIfLost();
        var source = _container.GetBlobClient(_folder + name);
        try
        {
            for (var attempt = 0; attempt < SaveNames.MaxCorruptNameAttempts; attempt++)
            {
                var targetName = SaveNames.Corrupt(name, attempt);
                var download = (await source.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                using (download)
                {
                    try
                    {
                        var upload = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
                        await _container.GetBlobClient(_folder + targetName).UploadAsync(download.Content, upload, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException e) when (e.Status is 409 or 412)
                    {
                        continue; // that name is taken: try the next
                    }
                }

                var unchanged = new BlobRequestConditions { IfMatch = download.Details.ETag };
                await source.DeleteIfExistsAsync(conditions: unchanged, cancellationToken: cancellationToken).ConfigureAwait(false);
                return targetName;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"no save named '{name}' in {Location}", LocationOf(name), e);
        }
        catch (RequestFailedException e)
        {
            throw new IOException($"could not set {LocationOf(name)} aside: {BlobErrors.Describe(e)}", e);
        }

        throw new IOException($"cannot set {LocationOf(name)} aside: {SaveNames.MaxCorruptNameAttempts} names are taken");
    }

    /// <inheritdoc />
    public Task<long?> GetFreeBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

    /// <inheritdoc />
    /// <remarks>
    /// Nothing to remove: an interrupted put leaves only uncommitted blocks, which are never listed or read,
    /// cannot be deleted on their own, and are discarded by the service (after a week at the latest).
    /// </remarks>
    public Task<IReadOnlyList<string>> RemoveStaleStagingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfReadOnly();
        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Takes a blob lease of <see cref="AzureBlobStoreOptions.LeaseDuration"/> on the lock blob, then writes the
    /// holder into its metadata. A holder that dies keeps the lease until it expires, then anyone may take it.
    /// </remarks>
    public async Task<IWriterLease> AcquireWriterLeaseAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfReadOnly();
        var lockBlob = _container.GetBlobClient(_folder + LockBlobName);
        var lockLocation = LocationOf(LockBlobName);
        using var deadline = BlobErrors.Deadline(_options.OperationDeadline, cancellationToken);
        var token = deadline.Token;
        try
        {
            await EnsureContainerAsync(token).ConfigureAwait(false);
            await CreateLockBlobAsync(lockBlob, token).ConfigureAwait(false);
            var leaseClient = lockBlob.GetBlobLeaseClient();
            try
            {
                await leaseClient.AcquireAsync(_options.LeaseDuration, cancellationToken: token).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                throw new WriterLeaseUnavailableException(Location, await ReadHolderAsync(lockBlob, token).ConfigureAwait(false));
            }

            var holder = WriterLeaseHolder.Current();
            var conditions = new BlobRequestConditions { LeaseId = leaseClient.LeaseId };
            await lockBlob.SetMetadataAsync(HolderMetadata(holder), conditions, token).ConfigureAwait(false);
            var lease = new BlobWriterLease(leaseClient, holder, _options.LeaseDuration, _options.OperationDeadline, lockLocation, _log, Forget);
            Volatile.Write(ref _lease, lease);
            return lease;
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, cancellationToken))
        {
            throw BlobErrors.Fail($"could not take the writer lease {lockLocation}", e, _options.OperationDeadline);
        }
    }

    /// <summary>The worlds under <paramref name="prefix"/> in <paramref name="container"/> (one blob folder each), sorted.</summary>
    /// <param name="container">The container.</param>
    /// <param name="prefix">Path of all worlds in the container ("" for the root).</param>
    /// <param name="options">Its <see cref="AzureBlobStoreOptions.OperationDeadline"/> bounds the listing (default: the defaults').</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <exception cref="IOException">The container cannot be listed.</exception>
    public static async Task<IReadOnlyList<string>> ListWorldsAsync(BlobContainerClient container, string prefix, AzureBlobStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        var trimmed = (prefix ?? "").Trim('/');
        var folder = trimmed.Length == 0 ? "" : trimmed + "/";
        var worlds = new List<string>();
        var limit = (options ?? new AzureBlobStoreOptions()).OperationDeadline;
        using var deadline = BlobErrors.Deadline(limit, cancellationToken);
        try
        {
            await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", folder, deadline.Token).ConfigureAwait(false))
            {
                if (item.IsPrefix) worlds.Add(item.Prefix[folder.Length..].TrimEnd('/'));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container: no worlds.
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, cancellationToken))
        {
            throw BlobErrors.Fail($"could not list azblob:{container.Name}/{trimmed}", e, limit);
        }

        worlds.Sort(StringComparer.Ordinal);
        return worlds;
    }

    private static async Task CreateLockBlobAsync(BlobClient lockBlob, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await lockBlob.UploadAsync(BinaryData.Empty, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // It exists (and may be leased): the lease decides.
        }
    }

    private static async Task<WriterLeaseHolder?> ReadHolderAsync(BlobClient lockBlob, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = (await lockBlob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Metadata;
            var text = string.Join('\n', metadata.Select(pair => $"{pair.Key}={pair.Value}"));
            return WriterLeaseHolder.TryParse(text);
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, CancellationToken.None))
        {
            return null; // the refusal still stands; only the holder's name is unknown
        }
    }

    private static Dictionary<string, string> HolderMetadata(WriterLeaseHolder holder) => new(StringComparer.Ordinal)
    {
        ["pid"] = holder.ProcessId.ToString(CultureInfo.InvariantCulture),
        ["host"] = holder.HostName,
        ["started"] = holder.StartedAtUtc.ToString("O", CultureInfo.InvariantCulture),
    };

    private void Forget(BlobWriterLease lease) => Interlocked.CompareExchange(ref _lease, null, lease);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady) return;
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _containerReady = true;
    }

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly) throw new InvalidOperationException($"the save store {Location} was opened read-only");
    }
}
