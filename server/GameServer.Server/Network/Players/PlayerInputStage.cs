using GameServer.Server.Ticking;
using GameServer.World;

namespace GameServer.Server.Network.Players;

/// <summary>
/// Tick stage before the simulation: joins and leaves queued by the network thread, then each online
/// player's newest input turned into its velocity.
/// </summary>
/// <remarks>Tick thread; allocates nothing per tick in steady state (joins allocate, rarely).</remarks>
public sealed class PlayerInputStage : ITickStage
{
    private readonly PlayerNetwork _network;

    /// <summary>The input stage of <paramref name="network"/>.</summary>
    public PlayerInputStage(PlayerNetwork network) => _network = network ?? throw new ArgumentNullException(nameof(network));

    /// <inheritdoc />
    public string Name => TickStageNames.PlayerInput;

    /// <inheritdoc />
    public void Run(GameWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var roster = _network.Roster;
        var events = _network.Events;
        while (events.TryDequeue(out var e))
        {
            if (e.Join is null) roster.Leave(e.Session);
            else roster.Join(e.Session, e.Join);
        }

        var columns = roster.Columns;
        var speed = _network.Options.MoveSpeed;
        var online = roster.Online;
        var everySecond = world.Tick % _network.TickRate == 0;
        for (var i = online.Count - 1; i >= 0; i--)
        {
            var session = online[i];
            if (!world.TryGetRow(session.EntityId, out var row))
            {
                // The entity is gone (a rollback to before it existed): the client must join again.
                if (session.Close() != SessionState.Closed) PlayerRoster.Disconnect(session, "your entity left the world; join again");
                continue;
            }

            if (session.Inputs.TryTakeNewest(out var input))
            {
                var mx = Math.Clamp(input.MoveX, -1, 1);
                var my = Math.Clamp(input.MoveY, -1, 1);
                var length = MathF.Sqrt((mx * mx) + (my * my));
                var scale = length > 1 ? speed / length : speed;
                columns.VelocityX.Set(row, mx * scale);
                columns.VelocityY.Set(row, my * scale);
                session.LastAppliedSequence = input.Sequence;
            }

            if (everySecond) columns.LastSeen.Set(row, world.Tick);
        }
    }
}
