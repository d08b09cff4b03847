using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GameServer.World;
using LiteNetLib;

namespace GameServer.Server.Network.Players;

/// <summary>
/// The game port: a LiteNetLib server whose events (on LiteNetLib's threads) feed queues, and the two tick
/// stages that drain them (<see cref="InputStage"/>, before the simulation) and answer with state
/// (<see cref="StateStage"/>, after it).
/// </summary>
/// <remarks>
/// The world is touched only by the stages, on the tick thread. Sending is LiteNetLib's thread-safe
/// <c>Send</c>, called from the tick thread.
/// </remarks>
public sealed class PlayerNetwork : IDisposable
{
    private readonly NetManager _manager;
    private readonly PlayerListener _listener;

    /// <summary>Binds the game port for <paramref name="world"/>.</summary>
    /// <exception cref="SocketException">The address or port cannot be bound.</exception>
    public PlayerNetwork(GameWorld world, PlayerNetworkOptions options, int tickRate)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickRate);
        TickRate = tickRate;
        TicksPerUpdate = Math.Max(1, (int)Math.Round(tickRate / (double)Math.Clamp(options.StateRate, 1, tickRate)));
        Roster = new PlayerRoster(world, options, Traffic, tickRate, tickRate / TicksPerUpdate);
        _listener = new PlayerListener(options, Traffic);
        _manager = new NetManager(_listener)
        {
            UnsyncedEvents = true,
            AutoRecycle = true,
            EnableStatistics = true,
            DisconnectTimeout = 10_000,
        };
        var address = IPAddress.Parse(options.Bind);
        if (!_manager.Start(address, IPAddress.IPv6None, options.Port))
            throw new SocketException((int)SocketError.AddressAlreadyInUse);
        InputStage = new PlayerInputStage(this);
        StateStage = new PlayerStateStage(this);
    }

    /// <summary>The settings.</summary>
    public PlayerNetworkOptions Options { get; }

    /// <summary>The UDP port actually bound.</summary>
    public int Port => _manager.LocalPort;

    /// <summary>Ticks per second of the server.</summary>
    public int TickRate { get; }

    /// <summary>Ticks between two state updates.</summary>
    public int TicksPerUpdate { get; }

    /// <summary>Players online and the join rules (tick thread).</summary>
    public PlayerRoster Roster { get; }

    /// <summary>Totals of the port.</summary>
    public PlayerTraffic Traffic { get; } = new();

    /// <summary>Datagrams the socket received, including those LiteNetLib itself discarded.</summary>
    public long DatagramsReceived => _manager.Statistics.PacketsReceived;

    /// <summary>Connections now (joined or not).</summary>
    public int Connections => _listener.Connections;

    /// <summary>The stage that applies joins, leaves and inputs.</summary>
    public PlayerInputStage InputStage { get; }

    /// <summary>The stage that sends state updates.</summary>
    public PlayerStateStage StateStage { get; }

    internal ConcurrentQueue<PlayerEvent> Events => _listener.Events;

    /// <summary>Disconnects everyone and closes the port.</summary>
    public void Dispose() => _manager.Stop(sendDisconnectMessages: true);
}
