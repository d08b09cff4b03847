using System.Buffers;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Server.Network.Interest;
using GameServer.Server.Ticking;
using GameServer.World;
using LiteNetLib;

namespace GameServer.Server.Network.Players;

/// <summary>
/// Tick stage after the simulation: every few ticks (the state rate), each online player gets its own
/// state, the last input applied, and the K entities nearest to it that fit its bandwidth budget and one
/// datagram.
/// </summary>
/// <remarks>
/// Tick thread. One grid build per update round, one query and one send per player; the update object, the
/// nearby buffer and the writer are reused, so steady state allocates nothing. Sent as Sequenced: a late
/// update is dropped by the client's library rather than applied out of order.
/// </remarks>
public sealed class PlayerStateStage : ITickStage
{
    /// <summary>Bytes of a state update besides its nearby entities (type, header, tick, sequence, own state, count), rounded up.</summary>
    internal const int OverheadBytes = 64;

    private readonly PlayerNetwork _network;
    private readonly SpatialGrid _grid;
    private readonly NearestEntities _nearest;
    private readonly NearbyEntity[] _nearby;
    private readonly StateUpdate _update = new();
    private readonly ArrayBufferWriter<byte> _writer = new(PlayerProtocol.MaxStateUpdateDatagram);
    private long _throttled;

    /// <summary>The state stage of <paramref name="network"/>.</summary>
    public PlayerStateStage(PlayerNetwork network)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        var limit = Math.Clamp(network.Options.NearbyLimit, 0, PlayerProtocol.MaxNearby);
        _nearest = new NearestEntities(limit);
        _nearby = new NearbyEntity[limit];
        _grid = new SpatialGrid(cellSize: 16);
    }

    /// <inheritdoc />
    public string Name => TickStageNames.Network;

    /// <summary>Updates skipped because a player's budget was spent.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <inheritdoc />
    public void Run(GameWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var online = _network.Roster.Online;
        if (online.Count == 0 || world.Tick % _network.TicksPerUpdate != 0) return;
        var columns = _network.Roster.Columns;
        var x = columns.X.Read();
        var y = columns.Y.Read();
        _grid.Build(x, y);
        for (var i = 0; i < online.Count; i++)
        {
            var session = online[i];
            if (session.State != SessionState.Online || !world.TryGetRow(session.EntityId, out var row)) continue;
            Send(world, columns, session, row, x, y);
        }
    }

    private void Send(GameWorld world, PlayerColumns columns, PlayerSession session, int row, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var budget = session.Budget!.Available(world.Tick);
        if (budget < OverheadBytes)
        {
            Interlocked.Increment(ref _throttled);
            return;
        }

        var fitsDatagram = (session.Peer.GetMaxSinglePacketSize(DeliveryMethod.Sequenced) - OverheadBytes) / NearbyEntity.Size;
        var fitsBudget = (budget - OverheadBytes) / NearbyEntity.Size;
        _nearest.Reset(Math.Min(_nearby.Length, Math.Min(fitsDatagram, fitsBudget)));
        _grid.Query(x, y, x[row], y[row], _network.Options.ViewRadius, row, _nearest);
        _nearest.SortNearestFirst();
        var ids = world.Ids;
        var z = columns.Z.Read();
        for (var i = 0; i < _nearest.Count; i++)
        {
            var r = _nearest.RowAt(i);
            _nearby[i] = new NearbyEntity(ids[r], x[r], y[r], z[r]);
        }

        _update.Tick = world.Tick;
        _update.LastInputSequence = session.LastAppliedSequence;
        _update.Self = new PlayerState(x[row], y[row], z[row], columns.VelocityX.Get(row), columns.VelocityY.Get(row), columns.Hp.Get(row));
        _update.Nearby = _nearby.AsMemory(0, _nearest.Count);
        _writer.ResetWrittenCount();
        PlayerMessages.Write(_writer, MessageType.StateUpdate, _update);
        var datagram = _writer.WrittenSpan;
        session.Peer.Send(datagram, DeliveryMethod.Sequenced);
        session.Budget.Spend(datagram.Length);
        _network.Traffic.CountOut(datagram.Length);
    }
}
