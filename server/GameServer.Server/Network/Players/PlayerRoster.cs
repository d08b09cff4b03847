using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.World;
using LiteNetLib;

namespace GameServer.Server.Network.Players;

/// <summary>
/// The players online and the rules of joining: a name that has played gets its own entity back if it
/// shows its token; a new name gets a new entity and a new token; a name online already is refused.
/// Leaving keeps the entity in the world, offline and still.
/// </summary>
/// <remarks>Tick thread only (joins and leaves arrive as queued events; commands run there too).</remarks>
public sealed class PlayerRoster
{
    private readonly PlayerNetworkOptions _options;
    private readonly PlayerTraffic _traffic;
    private readonly int _tickRate;
    private readonly int _stateRate;
    private readonly Random _random = new();
    private readonly List<PlayerSession> _online = [];
    private readonly HashSet<string> _onlineNames = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A roster over <paramref name="world"/>'s player columns.</summary>
    public PlayerRoster(GameWorld world, PlayerNetworkOptions options, PlayerTraffic traffic, int tickRate, int stateRate)
    {
        Columns = new PlayerColumns(world);
        Directory = new PlayerDirectory(Columns);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _traffic = traffic ?? throw new ArgumentNullException(nameof(traffic));
        _tickRate = tickRate;
        _stateRate = stateRate;
    }

    /// <summary>The world's player columns.</summary>
    public PlayerColumns Columns { get; }

    /// <summary>Every player name known to the world.</summary>
    public PlayerDirectory Directory { get; }

    /// <summary>Players online now, in join order.</summary>
    public IReadOnlyList<PlayerSession> Online => _online;

    /// <summary>Handles a join request (tick thread): accepts or refuses, and answers the client.</summary>
    public void Join(PlayerSession session, JoinRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        if (session.State != SessionState.Joining) return;
        if (request.ProtocolVersion != PlayerProtocol.Version)
        {
            Refuse(session, JoinRefusal.BadVersion, $"server speaks protocol {PlayerProtocol.Version}, client {request.ProtocolVersion}");
            return;
        }

        if (PlayerNames.Validate(request.Name) is { } problem)
        {
            Refuse(session, JoinRefusal.BadName, problem);
            return;
        }

        if (_onlineNames.Contains(request.Name))
        {
            Refuse(session, JoinRefusal.NameOnline, $"'{request.Name}' is online already");
            return;
        }

        var world = Columns.World;
        var known = Directory.TryFind(request.Name, out var entityId);
        if (known)
        {
            world.TryGetRow(entityId, out var row);
            if (request.Token is null || !PlayerTokens.Matches(request.Token, Columns.Token.Get(row)))
            {
                Refuse(session, JoinRefusal.WrongToken, $"'{request.Name}' has played here before; its token is missing or wrong");
                return;
            }
        }

        // Online before spawning: a connection closed meanwhile must not leave a player whose token nobody got.
        if (!session.TryMove(SessionState.Joining, SessionState.Online)) return;
        byte[]? newToken = null;
        if (!known)
        {
            newToken = PlayerTokens.Issue();
            entityId = Spawn(request.Name, newToken);
        }

        session.Name = request.Name;
        session.EntityId = entityId;
        session.Budget = new BandwidthBudget(_options.BandwidthBytesPerSecond, _tickRate);
        _online.Add(session);
        _onlineNames.Add(request.Name);
        world.TryGetRow(entityId, out var joinedRow);
        Columns.LastSeen.Set(joinedRow, world.Tick);
        Send(session, MessageType.JoinAccepted, new JoinAccepted
        {
            EntityId = entityId,
            Tick = world.Tick,
            TickRate = _tickRate,
            StateRate = _stateRate,
            NewToken = newToken,
        });
    }

    /// <summary>Handles a disconnect (tick thread): the player goes offline, its entity stays, standing still.</summary>
    public void Leave(PlayerSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var index = _online.IndexOf(session);
        if (index < 0) return;
        _online.RemoveAt(index);
        _onlineNames.Remove(session.Name!);
        var world = Columns.World;
        if (world.TryGetRow(session.EntityId, out var row))
        {
            Columns.VelocityX.Set(row, 0);
            Columns.VelocityY.Set(row, 0);
            Columns.LastSeen.Set(row, world.Tick);
        }
    }

    /// <summary>Takes every online player offline (on stop, before the final save).</summary>
    public void LeaveAll()
    {
        for (var i = _online.Count - 1; i >= 0; i--) Leave(_online[i]);
    }

    /// <summary>Disconnects the online player <paramref name="name"/>; false when no such player is online.</summary>
    public bool Kick(string name, string reason)
    {
        foreach (var session in _online)
        {
            if (!string.Equals(session.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            Disconnect(session, reason);
            return true;
        }

        return false;
    }

    /// <summary>Closes <paramref name="session"/>'s connection; the leave follows as an event.</summary>
    internal static void Disconnect(PlayerSession session, string reason) =>
        session.Peer.NetManager.DisconnectPeer(session.Peer, System.Text.Encoding.UTF8.GetBytes(reason));

    private long Spawn(string name, byte[] token)
    {
        var world = Columns.World;
        var id = world.Spawn();
        var row = world.Count - 1;
        var (cx, cy, radius) = _options.SpawnArea;
        var angle = _random.NextSingle() * MathF.Tau;
        var distance = radius * MathF.Sqrt(_random.NextSingle());
        Columns.X.Set(row, cx + (MathF.Cos(angle) * distance));
        Columns.Y.Set(row, cy + (MathF.Sin(angle) * distance));
        Columns.Name.SetString(row, name);
        Columns.Token.Set(row, PlayerTokens.Hash(token));
        Directory.Add(name, id);
        return id;
    }

    private void Refuse(PlayerSession session, JoinRefusal reason, string message)
    {
        if (!session.TryMove(SessionState.Joining, SessionState.Connected)) return;
        Send(session, MessageType.JoinRefused, new JoinRefused { Reason = reason, Message = message });
    }

    private void Send<T>(PlayerSession session, MessageType type, T message)
    {
        var datagram = PlayerMessages.ToDatagram(type, message);
        session.Peer.Send(datagram, DeliveryMethod.ReliableOrdered);
        _traffic.CountOut(datagram.Length);
    }
}
