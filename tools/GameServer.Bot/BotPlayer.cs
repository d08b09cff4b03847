using System.Diagnostics;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using LiteNetLib;

namespace GameServer.Bot;

/// <summary>
/// One simulated player: connects, joins as its name (with its stored token), moves at random, measures
/// the round trip of its inputs through the server's echo, and reconnects after any drop.
/// </summary>
/// <remarks>
/// Driven by <see cref="Update"/> from one worker thread: LiteNetLib events fire inside <c>PollEvents</c>
/// there, so a bot's fields need no locks. The report reads them after the run.
/// </remarks>
internal sealed class BotPlayer : IDisposable
{
    private const int SentRing = 1024;
    private readonly BotOptions _options;
    private readonly BotTokens _tokens;
    private readonly NetManager _manager;
    private readonly Random _random;
    private readonly long[] _sentAt = new long[SentRing];
    private readonly byte[] _input = new byte[1 + PlayerInput.Size];
    private readonly StateUpdate _update = new();
    private NetPeer? _peer;
    private bool _joined;
    private bool _stopped;
    private long _reconnectAt;
    private long _nextInputAt;
    private long _nextTurnAt;
    private long _lastUpdateAt;
    private uint _sequence;
    private uint _lastEchoed;
    private float _moveX;
    private float _moveY;

    public BotPlayer(string name, BotOptions options, BotTokens tokens, int seed)
    {
        Name = name;
        _options = options;
        _tokens = tokens;
        _random = new Random(seed);
        var listener = new EventBasedNetListener();
        listener.PeerConnectedEvent += OnConnected;
        listener.PeerDisconnectedEvent += OnDisconnected;
        listener.NetworkReceiveEvent += OnReceive;
        _manager = new NetManager(listener) { AutoRecycle = true, DisconnectTimeout = 10_000 };
        _manager.Start();
    }

    public string Name { get; }

    public bool Joined => _joined;

    public long EntityId { get; private set; }

    public PlayerState? LastState { get; private set; }

    public int Joins { get; private set; }

    public int Refusals { get; private set; }

    public JoinRefusal? LastRefusal { get; private set; }

    public int Drops { get; private set; }

    public long Updates { get; private set; }

    public long BytesReceived { get; private set; }

    public long InputsSent { get; private set; }

    public double MaxGapMs { get; private set; }

    /// <summary>Why the last connection ended (e.g. rejected for a wrong key or a full server).</summary>
    public DisconnectReason? LastDisconnect { get; private set; }

    /// <summary>Round trips of echoed inputs, in milliseconds.</summary>
    public List<double> RoundTrips { get; } = [];

    /// <summary>Connects now; later calls to <see cref="Update"/> keep it connected.</summary>
    public void Connect()
    {
        _peer = _manager.Connect(_options.Host, _options.Port, _options.ConnectionKey);
    }

    /// <summary>Polls events, sends input when due, reconnects when dropped.</summary>
    public void Update(long now)
    {
        _manager.PollEvents();
        if (_stopped) return;
        if (_peer is null || _peer.ConnectionState == ConnectionState.Disconnected)
        {
            if (now >= _reconnectAt) Connect();
            return;
        }

        if (!_joined || now < _nextInputAt) return;
        _nextInputAt = now + (Stopwatch.Frequency / _options.InputRate);
        if (now >= _nextTurnAt)
        {
            _nextTurnAt = now + (Stopwatch.Frequency * (1 + _random.Next(3)));
            var heading = _random.NextSingle() * MathF.Tau;
            var moving = _random.Next(4) != 0;
            _moveX = moving ? MathF.Cos(heading) : 0;
            _moveY = moving ? MathF.Sin(heading) : 0;
        }

        _sequence++;
        _sentAt[_sequence % SentRing] = now;
        var length = PlayerMessages.WriteInput(_input, new PlayerInput(_sequence, _moveX, _moveY));
        _peer.Send(_input.AsSpan(0, length), DeliveryMethod.Unreliable);
        InputsSent++;
    }

    /// <summary>Stops reconnecting and disconnects.</summary>
    public void Stop()
    {
        _stopped = true;
        _manager.DisconnectAll();
    }

    public void Dispose() => _manager.Stop();

    private void OnConnected(NetPeer peer)
    {
        var request = new JoinRequest { Name = Name, Token = _tokens.Get(Name) };
        peer.Send(PlayerMessages.ToDatagram(MessageType.JoinRequest, request), DeliveryMethod.ReliableOrdered);
    }

    private void OnDisconnected(NetPeer peer, DisconnectInfo info)
    {
        LastDisconnect = info.Reason;
        if (_joined) Drops++;
        _joined = false;
        _lastUpdateAt = 0;
        _reconnectAt = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 2);
    }

    private void OnReceive(NetPeer peer, NetPacketReader reader, byte channel, DeliveryMethod method)
    {
        var datagram = reader.GetRemainingBytesSpan();
        BytesReceived += datagram.Length;
        try
        {
            switch (PlayerMessages.TypeOf(datagram))
            {
                case MessageType.StateUpdate:
                    OnState(PlayerMessages.ReadStateUpdate(datagram, _update));
                    break;
                case MessageType.JoinAccepted:
                    var accepted = PlayerMessages.ReadJoinAccepted(datagram);
                    if (accepted.NewToken is { } token) _tokens.Set(Name, token);
                    EntityId = accepted.EntityId;
                    _joined = true;
                    Joins++;
                    _sequence = 0;
                    _lastEchoed = 0;
                    break;
                case MessageType.JoinRefused:
                    var refused = PlayerMessages.ReadJoinRefused(datagram);
                    Refusals++;
                    LastRefusal = refused.Reason;

                    // Online already: the server has not yet seen our last connection drop; try again later.
                    if (refused.Reason != JoinRefusal.NameOnline) _stopped = true;
                    _manager.DisconnectPeer(peer);
                    break;
            }
        }
        catch (MalformedMessageException)
        {
            // Not ours to fix; the server never sends these. Counted as lost updates by the gap.
        }
    }

    private void OnState(StateUpdate update)
    {
        var now = Stopwatch.GetTimestamp();
        Updates++;
        LastState = update.Self;
        if (_lastUpdateAt != 0) MaxGapMs = Math.Max(MaxGapMs, Stopwatch.GetElapsedTime(_lastUpdateAt, now).TotalMilliseconds);
        _lastUpdateAt = now;
        var echoed = update.LastInputSequence;
        if (echoed > _lastEchoed && echoed <= _sequence && _sequence - echoed < SentRing)
        {
            RoundTrips.Add(Stopwatch.GetElapsedTime(_sentAt[echoed % SentRing], now).TotalMilliseconds);
            _lastEchoed = echoed;
        }
    }
}
