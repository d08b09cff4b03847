namespace GameServer.Persistence.Storage;

/// <summary>The exclusive right to write one world's saves; disposing it releases it.</summary>
/// <remarks>
/// A lease that needs renewing (a blob lease) renews itself until disposed; a folder lock needs no
/// renewal and dies with its process. Dispose is idempotent.
/// </remarks>
public interface IWriterLease : IDisposable, IAsyncDisposable
{
    /// <summary>Who holds it: this process.</summary>
    WriterLeaseHolder Holder { get; }
}
