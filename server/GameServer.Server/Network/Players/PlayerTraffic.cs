namespace GameServer.Server.Network.Players;

/// <summary>Totals of the game port, for <c>status</c>. Any thread.</summary>
public sealed class PlayerTraffic
{
    private long _packetsIn;
    private long _packetsOut;
    private long _bytesOut;
    private long _dropped;
    private long _rejected;
    private long _garbageDisconnects;

    /// <summary>Datagrams received from connected peers.</summary>
    public long PacketsIn => Interlocked.Read(ref _packetsIn);

    /// <summary>Datagrams sent by the server's player code (joins, refusals, state updates).</summary>
    public long PacketsOut => Interlocked.Read(ref _packetsOut);

    /// <summary>Bytes of those datagrams.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Datagrams dropped: malformed, unknown, out of order or oversized.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Connection requests rejected (full).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Peers disconnected for sending garbage.</summary>
    public long GarbageDisconnects => Interlocked.Read(ref _garbageDisconnects);

    internal void CountIn() => Interlocked.Increment(ref _packetsIn);

    internal void CountOut(int bytes)
    {
        Interlocked.Increment(ref _packetsOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountRejected() => Interlocked.Increment(ref _rejected);

    internal void CountGarbageDisconnect() => Interlocked.Increment(ref _garbageDisconnects);
}
