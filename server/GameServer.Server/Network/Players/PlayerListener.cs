using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using LiteNetLib;

namespace GameServer.Server.Network.Players;

/// <summary>
/// LiteNetLib's events for the game port, on LiteNetLib's own threads (unsynced events): admits or rejects
/// connections, decodes datagrams, queues joins and leaves for the tick thread and inputs into each
/// player's queue. It never touches the world.
/// </summary>
/// <remarks>
/// Whatever a client sends ends here as a queued event, a queued input, or a counted drop; nothing it sends
/// can throw out of a handler or grow a queue without bound (one pending join per connection, a bounded
/// input queue per player, a connection limit).
/// </remarks>
internal sealed class PlayerListener(PlayerNetworkOptions options, PlayerTraffic traffic) : INetEventListener
{
    private readonly ConcurrentDictionary<int, PlayerSession> _sessions = new();

    /// <summary>Joins and leaves for the tick thread.</summary>
    public ConcurrentQueue<PlayerEvent> Events { get; } = new();

    /// <summary>Live connections.</summary>
    public int Connections => _sessions.Count;

    public void OnConnectionRequest(ConnectionRequest request)
    {
        if (_sessions.Count >= options.MaxPlayers)
        {
            traffic.CountRejected();
            request.Reject("server full"u8.ToArray());
            return;
        }

        var peer = request.AcceptIfKey(options.ConnectionKey);
        if (peer is null) return;
        var session = new PlayerSession(peer, options.InputQueueCapacity);
        peer.Tag = session;
        _sessions[peer.Id] = session;
    }

    public void OnPeerConnected(NetPeer peer)
    {
    }

    public void OnPeerDisconnected(NetPeer peer, DisconnectInfo disconnectInfo)
    {
        if (peer.Tag is not PlayerSession session) return;
        _sessions.TryRemove(new KeyValuePair<int, PlayerSession>(peer.Id, session));
        session.Close();
        Events.Enqueue(new PlayerEvent(session, null));
    }

    public void OnNetworkReceive(NetPeer peer, NetPacketReader reader, byte channelNumber, DeliveryMethod deliveryMethod)
    {
        traffic.CountIn();
        if (peer.Tag is not PlayerSession session) return;
        var datagram = reader.GetRemainingBytesSpan();
        if (datagram.Length > PlayerProtocol.MaxClientDatagram)
        {
            Drop(session, DropKind.Oversized);
            return;
        }

        switch (PlayerMessages.TypeOf(datagram))
        {
            case MessageType.PlayerInput:
                ReceiveInput(session, datagram);
                break;
            case MessageType.JoinRequest:
                ReceiveJoin(session, datagram);
                break;
            default:
                Drop(session, DropKind.Unknown);
                break;
        }
    }

    public void OnNetworkError(IPEndPoint endPoint, SocketError socketError)
    {
    }

    public void OnNetworkReceiveUnconnected(IPEndPoint remoteEndPoint, NetPacketReader reader, UnconnectedMessageType messageType) => traffic.CountDropped();

    public void OnNetworkLatencyUpdate(NetPeer peer, int latency)
    {
    }

    public void OnMessageDelivered(NetPeer peer, object userData)
    {
    }

    public void OnNtpResponse(LiteNetLib.Utils.NtpPacket packet)
    {
    }

    public void OnPeerAddressChanged(NetPeer peer, IPEndPoint previousAddress)
    {
    }

    private void ReceiveInput(PlayerSession session, ReadOnlySpan<byte> datagram)
    {
        PlayerInput input;
        try
        {
            input = PlayerMessages.ReadInput(datagram);
        }
        catch (MalformedMessageException)
        {
            Drop(session, DropKind.Malformed);
            return;
        }

        if (session.State != SessionState.Online || input.Sequence <= session.LastReceivedSequence)
        {
            Drop(session, DropKind.OutOfOrder);
            return;
        }

        session.LastReceivedSequence = input.Sequence;
        if (session.AdmitInput(options.MaxInputsPerSecond)) session.Inputs.Offer(input);
        else session.Inputs.CountDropped();
    }

    private void ReceiveJoin(PlayerSession session, ReadOnlySpan<byte> datagram)
    {
        JoinRequest request;
        try
        {
            request = PlayerMessages.ReadJoinRequest(datagram);
        }
        catch (MalformedMessageException)
        {
            Drop(session, DropKind.Malformed);
            return;
        }

        // One pending join per connection: a second one before the answer is out of order.
        if (!session.TryMove(SessionState.Connected, SessionState.Joining))
        {
            Drop(session, DropKind.OutOfOrder);
            return;
        }

        Events.Enqueue(new PlayerEvent(session, request));
    }

    private void Drop(PlayerSession session, DropKind kind)
    {
        traffic.CountDropped();
        if (!session.CountDrop(kind, options.GarbagePerSecond)) return;
        if (session.Close() == SessionState.Closed) return;
        traffic.CountGarbageDisconnect();
        session.Peer.NetManager.DisconnectPeer(session.Peer, "too many bad packets"u8.ToArray());
    }
}
