namespace GameServer.Server.Network.Admin;

/// <summary>What the admin listener has seen and refused; read from any thread (status), written by the network thread.</summary>
public sealed class AdminCounters
{
    private long _malformed;
    private long _refusedConnections;
    private long _failedProofs;
    private long _lockedOutAttempts;
    private long _commands;
    private long _garbageDisconnects;
    private readonly Func<long> _droppedDatagrams;

    internal AdminCounters(Func<long> droppedDatagrams) => _droppedDatagrams = droppedDatagrams;

    /// <summary>Datagrams dropped before parsing: wrong checksum, random or truncated.</summary>
    public long DroppedDatagrams => _droppedDatagrams();

    /// <summary>Datagrams from connected peers that were not valid admin messages (or came out of order).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Connection requests refused: wrong connection key, or too many admin connections.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    /// <summary>Proofs with the wrong key.</summary>
    public long FailedProofs => Interlocked.Read(ref _failedProofs);

    /// <summary>Attempts refused because their address was locked out.</summary>
    public long LockedOutAttempts => Interlocked.Read(ref _lockedOutAttempts);

    /// <summary>Commands accepted from authenticated admins.</summary>
    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>Peers disconnected for sending garbage.</summary>
    public long GarbageDisconnects => Interlocked.Read(ref _garbageDisconnects);

    internal void AddMalformed() => Interlocked.Increment(ref _malformed);

    internal void AddRefusedConnection() => Interlocked.Increment(ref _refusedConnections);

    internal void AddFailedProof() => Interlocked.Increment(ref _failedProofs);

    internal void AddLockedOutAttempt() => Interlocked.Increment(ref _lockedOutAttempts);

    internal void AddCommand() => Interlocked.Increment(ref _commands);

    internal void AddGarbageDisconnect() => Interlocked.Increment(ref _garbageDisconnects);
}
