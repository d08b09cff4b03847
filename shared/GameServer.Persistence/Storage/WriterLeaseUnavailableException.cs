namespace GameServer.Persistence.Storage;

/// <summary>Another writer holds the world's writer lease; the message names it.</summary>
public sealed class WriterLeaseUnavailableException : IOException
{
    /// <summary>Creates the exception for the store at <paramref name="location"/>, held by <paramref name="holder"/> (null when unknown).</summary>
    public WriterLeaseUnavailableException(string location, WriterLeaseHolder? holder)
        : base($"{location} is being written by another server ({holder?.ToString() ?? "holder unknown"})")
    {
        StoreLocation = location;
        Holder = holder;
    }

    /// <summary>The store whose lease is taken.</summary>
    public string StoreLocation { get; }

    /// <summary>Who holds it, when it said so.</summary>
    public WriterLeaseHolder? Holder { get; }
}
