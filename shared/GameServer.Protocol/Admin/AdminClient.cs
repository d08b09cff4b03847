using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LiteNetLib;
using LiteNetLib.Utils;

namespace GameServer.Protocol.Admin;

/// <summary>
/// The client end of the remote admin channel: connects, proves knowledge of the key (the key never
/// travels), then runs command lines and streams their replies.
/// </summary>
/// <remarks>
/// LiteNetLib events fire on this client's own polling thread; sends are queued to that thread too, so the
/// peer is touched by one thread only. Public methods are safe from any thread; reply lines are delivered
/// on the polling thread, in order.
/// </remarks>
public sealed class AdminClient : INetEventListener, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly AdminKey _key;
    private readonly NetManager _manager;
    private readonly byte[] _clientNonce = AdminProof.NewNonce();
    private readonly TaskCompletionSource _authenticated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<uint, PendingCommand> _pending = new();
    private readonly ConcurrentQueue<Action> _actions = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private NetPeer? _peer;
    private volatile bool _stopping;
    private volatile string? _lostReason;
    private int _nextRequestId;

    private AdminClient(AdminKey key)
    {
        _key = key;
        _manager = new NetManager(this, new AdminPacketLayer()) { IPv6Enabled = false, AutoRecycle = false, DisconnectTimeout = 5000 };
        _thread = new Thread(Run) { Name = "admin-client", IsBackground = true };
    }

    /// <summary>Whether the connection has closed (commands can no longer run).</summary>
    public bool IsClosed => _lostReason is not null;

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> and authenticates with <paramref name="key"/>.</summary>
    /// <exception cref="AdminClientException">No connection within <paramref name="timeout"/>, or authentication refused.</exception>
    public static async Task<AdminClient> ConnectAsync(string host, int port, AdminKey key, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(key);
        var client = new AdminClient(key);
        try
        {
            if (!client._manager.Start()) throw new AdminClientException("cannot open a UDP socket", AdminClientFailure.Unreachable);
            var address = ResolveIPv4(host);
            client._thread.Start();
            client.Post(() => client._peer = client._manager.Connect(new IPEndPoint(address, port), AdminLimits.ConnectionKey));
            await client._authenticated.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (TimeoutException)
        {
            client.Dispose();
            throw new AdminClientException($"no answer from {host}:{port} within {timeout.TotalSeconds:0.#} s (is the admin listener on?)", AdminClientFailure.Unreachable);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Runs one command line; <paramref name="onLine"/> gets each reply line as it arrives.</summary>
    /// <exception cref="AdminClientException">The connection closed before the reply ended.</exception>
    public async Task<AdminCommandResult> RunAsync(string line, Action<string> onLine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(onLine);
        if (_lostReason is { } lost) throw new AdminClientException(lost, AdminClientFailure.ConnectionLost);
        var id = (uint)Interlocked.Increment(ref _nextRequestId);
        var pending = new PendingCommand(onLine);
        _pending[id] = pending;

        // The connection may have closed between the check above and the registration.
        if (_lostReason is { } lostNow) pending.Result.TrySetException(new AdminClientException(lostNow, AdminClientFailure.ConnectionLost));
        var datagram = AdminCodec.Encode(new AdminCommand(id, line));
        Post(() => _peer?.Send(datagram, DeliveryMethod.ReliableOrdered));
        try
        {
            return await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        if (_thread.IsAlive && _thread != Thread.CurrentThread) _thread.Join();
        _manager.Stop(sendDisconnectMessages: true);
        _wake.Dispose();
    }

    private static IPAddress ResolveIPv4(string host)
    {
        if (IPAddress.TryParse(host, out var parsed)) return parsed;
        try
        {
            return Array.Find(Dns.GetHostAddresses(host), a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new AdminClientException($"host {host} has no IPv4 address", AdminClientFailure.Unreachable);
        }
        catch (SocketException e)
        {
            throw new AdminClientException($"cannot resolve host {host}: {e.Message}", AdminClientFailure.Unreachable);
        }
    }

    private void Post(Action action)
    {
        _actions.Enqueue(action);
        _wake.Set();
    }

    private void Send(byte[] datagram) => _peer?.Send(datagram, DeliveryMethod.ReliableOrdered);

    private void Run()
    {
        while (!_stopping)
        {
            while (_actions.TryDequeue(out var action)) action();
            _manager.PollEvents();
            _wake.WaitOne(PollInterval);
        }
    }

    private void Fail(string reason, AdminClientFailure failure)
    {
        _lostReason = reason;
        _authenticated.TrySetException(new AdminClientException(reason, failure));
        foreach (var pending in _pending.Values) pending.Result.TrySetException(new AdminClientException(reason, AdminClientFailure.ConnectionLost));
    }

    private void Handle(IAdminMessage message)
    {
        switch (message)
        {
            case AdminChallenge challenge:
                Send(AdminCodec.Encode(new AdminProofMessage(AdminProof.Compute(_key.Bytes, challenge.ServerNonce, _clientNonce))));
                break;
            case AdminAuthResult { Accepted: true }:
                _authenticated.TrySetResult();
                break;
            case AdminAuthResult refused:
                Fail("refused: " + refused.Reason, AdminClientFailure.Refused);
                break;
            case AdminReplyLine line when _pending.TryGetValue(line.RequestId, out var pending):
                pending.OnLine(line.Text);
                break;
            case AdminReplyEnd end when _pending.TryGetValue(end.RequestId, out var pending):
                pending.Result.TrySetResult(new AdminCommandResult(end.Succeeded, end.Reason));
                break;
        }
    }

    void INetEventListener.OnPeerConnected(NetPeer peer)
    {
        Send(AdminCodec.Encode(new AdminHello(AdminLimits.ProtocolVersion, _clientNonce)));
    }

    void INetEventListener.OnPeerDisconnected(NetPeer peer, DisconnectInfo disconnectInfo)
    {
        string reason;
        var failure = _authenticated.Task.IsCompleted ? AdminClientFailure.ConnectionLost : AdminClientFailure.Unreachable;
        AdminAuthResult? refusal = null;
        try
        {
            if (disconnectInfo.AdditionalData is { AvailableBytes: > 0 } data && AdminCodec.Decode(data.GetRemainingBytesSpan()) is AdminAuthResult result) refusal = result;
        }
        catch (AdminMessageException)
        {
            // A disconnect without a readable reason: reported by its LiteNetLib reason below.
        }

        if (refusal is not null)
        {
            reason = _authenticated.Task.IsCompleted ? "server closed the connection: " + refusal.Reason : "refused: " + refusal.Reason;
            if (!_authenticated.Task.IsCompleted) failure = AdminClientFailure.Refused;
        }
        else
        {
            reason = disconnectInfo.Reason switch
            {
                DisconnectReason.ConnectionFailed => "no answer from the server (is the admin listener on, and the port right?)",
                DisconnectReason.ConnectionRejected => "the server rejected the connection (too many admin connections, or not an admin port)",
                DisconnectReason.Timeout => "the connection timed out",
                _ => "the connection closed: " + disconnectInfo.Reason,
            };
        }

        Fail(reason, failure);
    }

    void INetEventListener.OnNetworkReceive(NetPeer peer, NetPacketReader reader, byte channelNumber, DeliveryMethod deliveryMethod)
    {
        try
        {
            Handle(AdminCodec.Decode(reader.GetRemainingBytesSpan()));
        }
        catch (AdminMessageException)
        {
            // Not from a server speaking this protocol: ignore it (the command's end marker decides the outcome).
        }
        finally
        {
            reader.Recycle();
        }
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

    private sealed class PendingCommand(Action<string> onLine)
    {
        public Action<string> OnLine { get; } = onLine;

        public TaskCompletionSource<AdminCommandResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
