using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GameServer.Protocol.Admin;
using LiteNetLib;
using LiteNetLib.Utils;

namespace GameServer.Tests.Support;

/// <summary>
/// A hand-driven admin peer: connects like the real client but sends exactly what a test says (replays,
/// out-of-order messages, garbage) and records everything it receives, including the disconnect's reason.
/// </summary>
internal sealed class RawAdminPeer : INetEventListener, IDisposable
{
    private readonly NetManager _manager;
    private readonly BlockingCollection<IAdminMessage> _received = [];
    private readonly ManualResetEventSlim _connected = new();
    private readonly ManualResetEventSlim _disconnected = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly ConcurrentQueue<Action> _actions = new();
    private NetPeer? _peer;

    public RawAdminPeer(int port, string connectionKey = AdminLimits.ConnectionKey)
    {
        _manager = new NetManager(this, new AdminPacketLayer()) { IPv6Enabled = false, AutoRecycle = false };
        _manager.Start();
        _thread = new Thread(Run) { IsBackground = true, Name = "raw-admin-peer" };
        _thread.Start();
        Post(() => _peer = _manager.Connect(new IPEndPoint(IPAddress.Loopback, port), connectionKey));
    }

    /// <summary>The server's reason when it closed the connection (decoded from the disconnect's data).</summary>
    public AdminAuthResult? CloseReason { get; private set; }

    public DisconnectReason? Disconnect { get; private set; }

    public bool IsConnected => _connected.IsSet && !_disconnected.IsSet;

    public bool WaitConnected(TimeSpan timeout) => _connected.Wait(timeout);

    public bool WaitDisconnected(TimeSpan timeout) => _disconnected.Wait(timeout);

    public void Send(byte[] datagram) => Post(() => _peer!.Send(datagram, DeliveryMethod.ReliableOrdered));

    public void Send<T>(T message)
        where T : class, IAdminMessage => Send(AdminCodec.Encode(message));

    /// <summary>The next message from the server of type <typeparamref name="T"/>; others before it are skipped.</summary>
    public T Receive<T>(TimeSpan timeout)
        where T : class, IAdminMessage
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_received.TryTake(out var message, left))
                throw new AssertionException($"no {typeof(T).Name} in time (disconnected: {Disconnect}, reason: {CloseReason?.Reason})");
            if (message is T wanted) return wanted;
        }
    }

    /// <summary>Connects, says hello and returns the challenge.</summary>
    public AdminChallenge Hello(byte[] clientNonce, TimeSpan timeout)
    {
        if (!WaitConnected(timeout)) throw new AssertionException("not connected in time");
        Send(new AdminHello(AdminLimits.ProtocolVersion, clientNonce));
        return Receive<AdminChallenge>(timeout);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _manager.Stop();
        _stop.Dispose();
        _connected.Dispose();
        _disconnected.Dispose();
        _received.Dispose();
    }

    private void Post(Action action) => _actions.Enqueue(action);

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            while (_actions.TryDequeue(out var action)) action();
            _manager.PollEvents();
            Thread.Sleep(2);
        }
    }

    void INetEventListener.OnPeerConnected(NetPeer peer) => _connected.Set();

    void INetEventListener.OnPeerDisconnected(NetPeer peer, DisconnectInfo disconnectInfo)
    {
        Disconnect = disconnectInfo.Reason;
        if (disconnectInfo.AdditionalData is { AvailableBytes: > 0 } data)
        {
            try
            {
                CloseReason = AdminCodec.Decode(data.GetRemainingBytesSpan()) as AdminAuthResult;
            }
            catch (AdminMessageException)
            {
            }
        }

        _disconnected.Set();
    }

    void INetEventListener.OnNetworkReceive(NetPeer peer, NetPacketReader reader, byte channelNumber, DeliveryMethod deliveryMethod)
    {
        _received.Add(AdminCodec.Decode(reader.GetRemainingBytesSpan()));
        reader.Recycle();
    }

    void INetEventListener.OnNetworkError(IPEndPoint endPoint, SocketError socketError)
    {
    }

    void INetEventListener.OnNetworkReceiveUnconnected(IPEndPoint remoteEndPoint, NetPacketReader reader, UnconnectedMessageType messageType) => reader.Recycle();

    void INetEventListener.OnNetworkLatencyUpdate(NetPeer peer, int latency)
    {
    }

    void INetEventListener.OnConnectionRequest(ConnectionRequest request) => request.Reject();

    void INetEventListener.OnMessageDelivered(NetPeer peer, object userData)
    {
    }

    void INetEventListener.OnNtpResponse(NtpPacket packet)
    {
    }

    void INetEventListener.OnPeerAddressChanged(NetPeer peer, IPEndPoint previousAddress)
    {
    }
}
