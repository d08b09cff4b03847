namespace GameServer.Persistence.AzureBlob;

/// <summary>Tuning of an <see cref="AzureBlobSaveStore"/>: block size and parallelism, retries, deadlines, lease timing.</summary>
/// <remarks>The defaults suit a real storage account; tests shorten the lease (15 s is the service's minimum).</remarks>
public sealed record AzureBlobStoreOptions
{
    /// <summary>Bytes per staged block (a save of 40 MB is 10 blocks at 4 MiB).</summary>
    public int BlockSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blocks uploaded at once per put.</summary>
    public int UploadParallelism { get; init; } = 4;

    /// <summary>The transactional checksum each block carries (default: none, the format's own checksums guard the bytes end to end; see <see cref="BlockChecksum"/>).</summary>
    public BlockChecksum TransferChecksum { get; init; } = BlockChecksum.None;

    /// <summary>
    /// How much lower than the process the upload threads run (added to their Linux nice value, capped at 19;
    /// default 10, 0 to leave them alone), so an upload's checksum and socket copies never hold up the tick thread.
    /// </summary>
    public int UploadThreadNice { get; init; } = 10;

    /// <summary>Retries of one request after a transient failure (timeout, 500, 503 throttling), with exponential backoff.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest backoff delay between two retries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Longest wait for one request's response before it counts as a transient failure.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a whole put may take, retries included; past it the put fails (a failed save).</summary>
    public TimeSpan PutDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest any other call may take, retries included: a list, one ranged read, a delete, taking, renewing
    /// or releasing the lease. Past it the call fails with an <see cref="IOException"/>, so an unreachable store
    /// never blocks the autosave thread (or a stopping server) for longer.
    /// </summary>
    public TimeSpan OperationDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Writer lease duration (15-60 s, the service's range); a dead holder's lease frees itself after it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values the service or this store cannot use.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 64 * 1024, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, 100 * 1024 * 1024, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(UploadParallelism, 1, nameof(UploadParallelism));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfNegative(UploadThreadNice, nameof(UploadThreadNice));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(UploadThreadNice, 39, nameof(UploadThreadNice));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseDuration, TimeSpan.FromSeconds(15), nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LeaseDuration, TimeSpan.FromSeconds(60), nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PutDeadline, TimeSpan.Zero, nameof(PutDeadline));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OperationDeadline, TimeSpan.Zero, nameof(OperationDeadline));
    }
}
