using System.Diagnostics;
using LiteNetLib;

namespace GameServer.Server.Network.Players;

/// <summary>
/// One connection on the game port: its state, the player it drives once joined, its input queue and its
/// per-peer counters of dropped datagrams.
/// </summary>
/// <remarks>
/// Created on the network thread when a connection is accepted. The network thread owns the receive side
/// (sequence check, rate window, garbage counters); the tick thread owns the player side (entity, budget,
/// last applied input). <see cref="State"/> moves under <see cref="Interlocked"/> so both see one truth.
/// </remarks>
public sealed class PlayerSession
{
    private int _state;
    private long _malformed;
    private long _unknown;
    private long _outOfOrder;
    private long _oversized;
    private long _windowStart;
    private int _windowInputs;
    private int _windowBad;

    /// <summary>A session for <paramref name="peer"/>.</summary>
    public PlayerSession(NetPeer peer, int inputCapacity)
    {
        Peer = peer ?? throw new ArgumentNullException(nameof(peer));
        Address = peer.ToString() ?? "?";
        Inputs = new PlayerInputQueue(inputCapacity);
    }

    /// <summary>The LiteNetLib peer (its <c>Send</c> is thread-safe).</summary>
    public NetPeer Peer { get; }

    /// <summary>The remote address, for the <c>players</c> command and logs.</summary>
    public string Address { get; }

    /// <summary>Where the connection is.</summary>
    public SessionState State => (SessionState)Volatile.Read(ref _state);

    /// <summary>Pending movement input.</summary>
    public PlayerInputQueue Inputs { get; }

    /// <summary>The player's name once joined (tick thread writes, others read).</summary>
    public string? Name { get; internal set; }

    /// <summary>The player's entity once joined.</summary>
    public long EntityId { get; internal set; }

    /// <summary>Newest input sequence accepted by the network thread.</summary>
    internal uint LastReceivedSequence { get; set; }

    /// <summary>Newest input sequence applied by the tick thread (echoed in state updates).</summary>
    public uint LastAppliedSequence { get; internal set; }

    /// <summary>The per-player send budget (tick thread).</summary>
    internal BandwidthBudget? Budget { get; set; }

    /// <summary>Datagrams that did not decode.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Datagrams of an unknown or server-only message type.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>Inputs older than one already received, or messages that do not fit the session's state.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Datagrams longer than any client message.</summary>
    public long Oversized => Interlocked.Read(ref _oversized);

    /// <summary>All dropped datagrams of this peer.</summary>
    public long Dropped => Malformed + Unknown + OutOfOrder + Oversized;

    /// <summary>Moves from <paramref name="from"/> to <paramref name="to"/>; false when the state was another.</summary>
    internal bool TryMove(SessionState from, SessionState to) =>
        Interlocked.CompareExchange(ref _state, (int)to, (int)from) == (int)from;

    /// <summary>Marks the session closed (any thread).</summary>
    internal SessionState Close() => (SessionState)Interlocked.Exchange(ref _state, (int)SessionState.Closed);

    /// <summary>Counts a dropped datagram; true when the peer has sent too much garbage this second.</summary>
    internal bool CountDrop(DropKind kind, int garbagePerSecond)
    {
        switch (kind)
        {
            case DropKind.Malformed: Interlocked.Increment(ref _malformed); break;
            case DropKind.Unknown: Interlocked.Increment(ref _unknown); break;
            case DropKind.OutOfOrder: Interlocked.Increment(ref _outOfOrder); break;
            default: Interlocked.Increment(ref _oversized); break;
        }

        RollWindow();
        return ++_windowBad > garbagePerSecond;
    }

    /// <summary>Counts an input against the per-second limit; false when over it (network thread).</summary>
    internal bool AdmitInput(int inputsPerSecond)
    {
        RollWindow();
        return ++_windowInputs <= inputsPerSecond;
    }

    private void RollWindow()
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _windowStart < Stopwatch.Frequency) return;
        _windowStart = now;
        _windowInputs = 0;
        _windowBad = 0;
    }
}
