using Azure;
using Azure.Storage.Blobs.Specialized;
using GameServer.Persistence.Storage;
using Microsoft.Extensions.Logging;

namespace GameServer.Persistence.AzureBlob;

/// <summary>
/// A world's writer lease as a blob lease on its lock blob, renewed in the background until disposed.
/// </summary>
/// <remarks>
/// Renewal runs every third of the lease duration on a thread-pool task. The service refusing a renewal
/// (the lease expired and someone else took it) marks the lease lost for good: it logs one error and every
/// write of the store throws from then on. When renewals fail for other reasons (the store unreachable)
/// for longer than two thirds of the duration, the lease may have expired: writes throw until a renewal
/// succeeds again, which the service allows only while nobody else has taken the lease meanwhile.
/// <see cref="ConfirmAsync"/> renews just before a commit, so a save is committed only while the lease is
/// this process's for a whole duration: never under someone else's lease. Every call has a deadline (a
/// renewal: a third of the duration, so renewals never pile up), and any failure of the store (an error
/// answer, no answer, retries given up) keeps the renewal loop going: it is what lets saves resume once an
/// unreachable store is back.
/// </remarks>
internal sealed class BlobWriterLease : IWriterLease
{
    private readonly BlobLeaseClient _lease;
    private readonly TimeSpan _duration;
    private readonly TimeSpan _deadline;
    private readonly string _location;
    private readonly ILogger _log;
    private readonly Action<BlobWriterLease> _released;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private long _lastRenewedTicks;
    private string? _lostReason;
    private int _disposed;

    public BlobWriterLease(BlobLeaseClient lease, WriterLeaseHolder holder, TimeSpan duration, TimeSpan deadline, string location, ILogger log, Action<BlobWriterLease> released)
    {
        _lease = lease;
        Holder = holder;
        _duration = duration;
        _deadline = deadline;
        _location = location;
        _log = log;
        _released = released;
        _lastRenewedTicks = Environment.TickCount64;
        _renewal = Task.Run(RenewLoopAsync);
    }

    public WriterLeaseHolder Holder { get; }

    /// <summary>Why the lease was lost, or null while it is held.</summary>
    public string? LostReason => Volatile.Read(ref _lostReason);

    /// <summary>Throws unless the lease is held: renews it now, so it stays this process's for a whole duration.</summary>
    /// <exception cref="IOException">The lease is lost (or cannot be confirmed); nothing may be written.</exception>
    public async Task ConfirmAsync(CancellationToken cancellationToken)
    {
        if (LostReason is not null) ThrowIfLost(); // unconfirmed only: this renewal may confirm it again
        using var deadline = BlobErrors.Deadline(_deadline, cancellationToken);
        try
        {
            await _lease.RenewAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
            Volatile.Write(ref _lastRenewedTicks, Environment.TickCount64);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            MarkLost($"the service refused to renew it ({BlobErrors.Describe(e)}): another server may hold it now");
            ThrowIfLost();
        }
        catch (Exception e) when (BlobErrors.IsStoreFailure(e, cancellationToken))
        {
            throw BlobErrors.Fail($"could not confirm the writer lease of {_location} before committing", e, _deadline);
        }
    }

    /// <summary>Throws <see cref="IOException"/> once the lease is lost, or while it is unconfirmed (renewals failing).</summary>
    public void ThrowIfLost()
    {
        var reason = LostReason;
        if (reason is not null) throw new IOException($"writer lease of {_location} lost ({reason}); saves are no longer written by this server");
        var since = SinceRenewed;
        if (since >= _duration * 2 / 3)
            throw new IOException($"writer lease of {_location} not renewed for {since.TotalSeconds:F0} s (store unreachable?); no save is written until it is renewed");
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewal.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _released(this);
        if (LostReason is null)
        {
            using var deadline = BlobErrors.Deadline(_deadline, CancellationToken.None);
            try
            {
                await _lease.ReleaseAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (BlobErrors.IsStoreFailure(e, CancellationToken.None))
            {
                // It frees itself once it expires.
                _log.LogWarning("could not release the writer lease of {Location}: {Error}", _location, BlobErrors.Describe(e, _deadline));
            }
        }

        _stop.Dispose();
    }

    private TimeSpan SinceRenewed => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastRenewedTicks));

    private async Task RenewLoopAsync()
    {
        var period = _duration / 3;
        while (!_stop.IsCancellationRequested && LostReason is null)
        {
            await Task.Delay(period, _stop.Token).ConfigureAwait(false);
            using var deadline = BlobErrors.Deadline(period, _stop.Token);
            try
            {
                await _lease.RenewAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastRenewedTicks, Environment.TickCount64);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                MarkLost($"the service refused to renew it ({BlobErrors.Describe(e)}): another server may hold it now");
            }
            catch (Exception e) when (BlobErrors.IsStoreFailure(e, _stop.Token))
            {
                // Not only RequestFailedException: retries given up arrive as an AggregateException, and a loop
                // that let it escape would never renew again, so saves would never resume after an outage.
                _log.LogWarning("could not renew the writer lease of {Location} for {Seconds:F0} s (retrying): {Error}", _location, SinceRenewed.TotalSeconds, BlobErrors.Describe(e, period));
            }
        }
    }

    private void MarkLost(string reason)
    {
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is not null) return;
        _log.LogError("WRITER LEASE LOST on {Location}: {Reason}. Autosave writes are stopped; restart the server once the store is reachable", _location, reason);
    }
}
