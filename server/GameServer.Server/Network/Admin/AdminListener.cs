using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GameServer.Protocol.Admin;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using LiteNetLib;
using LiteNetLib.Utils;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Network.Admin;

/// <summary>
/// The remote admin channel: its own LiteNetLib <see cref="NetManager"/> on its own port, a challenge-response
/// handshake over the admin key, then command lines run through the server's command registry, with the
/// replies streamed back line by line and ended with an explicit done/failed marker.
/// </summary>
/// <remarks>
/// Threading: LiteNetLib events fire only inside <see cref="LiteNetManager.PollEvents"/>, which runs on this
/// listener's own "admin-net" thread, never the tick thread; sessions, lockouts and the handshake belong to
/// that thread. Replies come from whatever thread a command writes on and reach the socket through a queue
/// the network thread drains, so a peer is only ever touched by one thread. Nothing a client sends can make
/// the listener hold more than: <see cref="AdminListenerOptions.MaxConnections"/> sessions, each with
/// <see cref="AdminListenerOptions.MaxCommandsInFlight"/> commands and datagrams of at most
/// <see cref="AdminLimits.MaxDatagramBytes"/>.
/// </remarks>
public sealed partial class AdminListener : INetEventListener, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly AdminListenerOptions _options;
    private readonly RemoteCommandExecutor _execute;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly AdminPacketLayer _layer = new();
    private readonly NetManager _manager;
    private readonly AdminAuthenticator _authenticator;
    private readonly Dictionary<int, AdminSession> _sessions = [];
    private readonly List<AdminSession> _expired = [];
    private readonly ConcurrentQueue<Outgoing> _outbox = new();
    private readonly AutoResetEvent _wake = new(false);
    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>Creates a listener; nothing is bound until <see cref="Start"/>.</summary>
    public AdminListener(AdminListenerOptions options, AdminKey key, RemoteCommandExecutor execute, ILogger log, TimeProvider? time = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(key);
        _execute = execute ?? throw new ArgumentNullException(nameof(execute));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _time = time ?? TimeProvider.System;
        _authenticator = new AdminAuthenticator(key, new AdminLockout(_time));
        Counters = new AdminCounters(() => _layer.Dropped);
        _manager = new NetManager(this, _layer)
        {
            IPv6Enabled = false,
            AutoRecycle = false,
            UnconnectedMessagesEnabled = false,
            DisconnectTimeout = 10_000,
        };
    }

    /// <summary>The port actually bound (after <see cref="Start"/>).</summary>
    public int Port => _manager.LocalPort;

    /// <summary>The address bound.</summary>
    public IPAddress Address => _options.Bind;

    /// <summary>What the listener has seen and refused.</summary>
    public AdminCounters Counters { get; }

    /// <summary>Binds the port and starts the network thread.</summary>
    /// <exception cref="StartupException">The port cannot be bound.</exception>
    public void Start()
    {
        if (_options.Bind.AddressFamily != AddressFamily.InterNetwork) throw new StartupException($"admin bind address {_options.Bind} is not an IPv4 address");
        if (!_manager.Start(_options.Bind, IPAddress.IPv6Any, _options.Port))
            throw new StartupException($"cannot listen for admins on {_options.Bind}:{_options.Port} (UDP): the port is in use or not allowed");
        _thread = new Thread(Run) { Name = "admin-net", IsBackground = true };
        _thread.Start();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        if (_thread is { IsAlive: true } && _thread != Thread.CurrentThread) _thread.Join();
        _manager.Stop(sendDisconnectMessages: true);
        _wake.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            try
            {
                _manager.PollEvents();
                FlushOutbox();
                CloseStalledHandshakes();
            }
            catch (Exception e)
            {
                // A bug in handling one event must not end remote admin for everyone.
                LogLoopError(e);
            }

            _wake.WaitOne(PollInterval);
        }
    }

    private void Enqueue(AdminSession session, byte[] datagram, bool endsCommand)
    {
        _outbox.Enqueue(new Outgoing(session, datagram, endsCommand));
        _wake.Set();
    }

    private void FlushOutbox()
    {
        while (_outbox.TryDequeue(out var item))
        {
            if (item.EndsCommand) item.Session.InFlight--;
            if (item.Session.IsOpen && item.Session.Peer.ConnectionState == ConnectionState.Connected)
                item.Session.Peer.Send(item.Datagram, DeliveryMethod.ReliableOrdered);
        }
    }

    private void CloseStalledHandshakes()
    {
        foreach (var session in _sessions.Values)
        {
            if (session.State != AdminSessionState.Authenticated && _time.GetElapsedTime(session.ConnectedAt) > _options.HandshakeTimeout) _expired.Add(session);
        }

        foreach (var session in _expired) Refuse(session, new AdminAuthResult(false, "authentication timed out"));
        _expired.Clear();
    }

    private void Handle(AdminSession session, IAdminMessage message)
    {
        switch (message)
        {
            case AdminHello hello when session.State == AdminSessionState.AwaitingHello:
                Apply(session, _authenticator.OnHello(session, hello));
                break;
            case AdminProofMessage proof when session.State == AdminSessionState.AwaitingProof:
                Apply(session, _authenticator.OnProof(session, proof));
                break;
            case AdminCommand command when session.State == AdminSessionState.Authenticated:
                RunCommand(session, command);
                break;
            default:
                // Out of order (a command before the proof, a second hello, a server-only message): garbage.
                Malformed(session, $"unexpected {message.Type} while {session.State}");
                break;
        }
    }

    private void Apply(AdminSession session, AdminHandshakeStep step)
    {
        switch (step.Verdict)
        {
            case AdminProofVerdict.Accepted:
                LogAuthenticated(session.Endpoint);
                break;
            case AdminProofVerdict.Wrong:
                Counters.AddFailedProof();
                LogWrongProof(session.Endpoint);
                break;
            case AdminProofVerdict.LockedOutNow:
                Counters.AddFailedProof();
                LogLockedOut(session.Address.ToString(), AdminLockout.MaxFailures, AdminLockout.Duration.TotalSeconds);
                break;
            case AdminProofVerdict.LockedOut:
                Counters.AddLockedOutAttempt();
                LogLockedOutAttempt(session.Endpoint);
                break;
        }

        if (step.Refusal is { } refusal) Refuse(session, refusal);
        else if (step.Reply is { } reply) session.Peer.Send(Encode(reply), DeliveryMethod.ReliableOrdered);
    }

    private void RunCommand(AdminSession session, AdminCommand command)
    {
        if (session.InFlight >= _options.MaxCommandsInFlight)
        {
            session.Peer.Send(AdminCodec.Encode(new AdminReplyEnd(command.RequestId, false, $"too many commands in flight (at most {_options.MaxCommandsInFlight})")), DeliveryMethod.ReliableOrdered);
            return;
        }

        session.InFlight++;
        Counters.AddCommand();
        LogCommand(session.Endpoint, command.Line);
        var reply = new AdminReply(session, command.RequestId, Enqueue);
        Task<CommandOutcome> run;
        try
        {
            run = _execute(command.Line, session.Caller, reply);
        }
        catch (Exception e)
        {
            run = Task.FromResult(CommandOutcome.Failed("internal error: " + e.Message));
        }

        // The registry ends the reply itself; this is the backstop should a command never do so.

        _ = run.ContinueWith(
            t => reply.End(t.IsCompletedSuccessfully && t.Result.Succeeded, t.IsCompletedSuccessfully ? t.Result.Reason : "internal error: " + t.Exception?.GetBaseException().Message),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Malformed(AdminSession session, string reason)
    {
        Counters.AddMalformed();
        if (++session.Malformed < _options.MaxMalformed) return;
        Counters.AddGarbageDisconnect();
        LogGarbage(session.Endpoint, session.Malformed, reason);
        Refuse(session, new AdminAuthResult(false, $"disconnected: {session.Malformed} malformed messages"));
    }

    /// <summary>Closes the connection, carrying the reason in the disconnect so it arrives even as the connection ends.</summary>
    private void Refuse(AdminSession session, AdminAuthResult refusal)
    {
        session.Close();
        _sessions.Remove(session.Peer.Id);
        _manager.DisconnectPeer(session.Peer, Encode(refusal));
    }

    private static byte[] Encode(IAdminMessage message) => message switch
    {
        AdminChallenge m => AdminCodec.Encode(m),
        AdminAuthResult m => AdminCodec.Encode(m),
        AdminReplyEnd m => AdminCodec.Encode(m),
        AdminReplyLine m => AdminCodec.Encode(m),
        _ => throw new InvalidOperationException($"the server does not send {message.Type}"),
    };

    void INetEventListener.OnConnectionRequest(ConnectionRequest request)
    {
        if (_stopping || _manager.ConnectedPeersCount >= _options.MaxConnections)
        {
            Counters.AddRefusedConnection();
            request.Reject();
            return;
        }

        if (request.AcceptIfKey(AdminLimits.ConnectionKey) is null) Counters.AddRefusedConnection();
    }

    void INetEventListener.OnPeerConnected(NetPeer peer) => _sessions[peer.Id] = new AdminSession(peer, _time.GetTimestamp());

    void INetEventListener.OnPeerDisconnected(NetPeer peer, DisconnectInfo disconnectInfo)
    {
        if (!_sessions.Remove(peer.Id, out var session)) return;
        session.Close();
    }

    void INetEventListener.OnNetworkReceive(NetPeer peer, NetPacketReader reader, byte channelNumber, DeliveryMethod deliveryMethod)
    {
        try
        {
            if (!_sessions.TryGetValue(peer.Id, out var session)) return;
            IAdminMessage message;
            try
            {
                message = AdminCodec.Decode(reader.GetRemainingBytesSpan());
            }
            catch (AdminMessageException e)
            {
                Malformed(session, e.Message);
                return;
            }

            Handle(session, message);
        }
        finally
        {
            reader.Recycle();
        }
    }

    void INetEventListener.OnNetworkReceiveUnconnected(IPEndPoint remoteEndPoint, NetPacketReader reader, UnconnectedMessageType messageType) => reader.Recycle();

    void INetEventListener.OnNetworkError(IPEndPoint endPoint, SocketError socketError)
    {
    }

    void INetEventListener.OnNetworkLatencyUpdate(NetPeer peer, int latency)
    {
    }

    void INetEventListener.OnMessageDelivered(NetPeer peer, object userData)
    {
    }

    void INetEventListener.OnNtpResponse(NtpPacket packet)
    {
    }

    void INetEventListener.OnPeerAddressChanged(NetPeer peer, IPEndPoint previousAddress)
    {
    }

    private readonly record struct Outgoing(AdminSession Session, byte[] Datagram, bool EndsCommand);

    [LoggerMessage(Level = LogLevel.Information, Message = "admin {Endpoint} authenticated")]
    private partial void LogAuthenticated(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "admin {Endpoint} refused: wrong admin key")]
    private partial void LogWrongProof(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "admin address {Address} locked out after {Failures} failed proofs for {Seconds:0} s")]
    private partial void LogLockedOut(string address, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "admin {Endpoint} refused: address locked out")]
    private partial void LogLockedOutAttempt(string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "admin command from {Endpoint}: {Line}")]
    private partial void LogCommand(string endpoint, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "admin {Endpoint} disconnected after {Count} malformed messages (last: {Reason})")]
    private partial void LogGarbage(string endpoint, int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "admin listener: an event failed")]
    private partial void LogLoopError(Exception error);
}
