using GameServer.Protocol.Players;

namespace GameServer.Server.Network.Players;

/// <summary>How the game port behaves: where it listens, who may connect, and each player's limits.</summary>
public sealed record PlayerNetworkOptions
{
    /// <summary>UDP port (0: any free port; the bound one is logged and exposed).</summary>
    public int Port { get; init; } = PlayerProtocol.DefaultPort;

    /// <summary>IPv4 address to bind.</summary>
    public string Bind { get; init; } = "0.0.0.0";

    /// <summary>Most connections at once; more are rejected in the connection request.</summary>
    public int MaxPlayers { get; init; } = 256;

    /// <summary>LiteNetLib connection key: filters stray traffic (it is not authentication).</summary>
    public string ConnectionKey { get; init; } = "gameserver";

    /// <summary>State updates per second sent to each player (10-20).</summary>
    public int StateRate { get; init; } = 15;

    /// <summary>Most nearby entities per update.</summary>
    public int NearbyLimit { get; init; } = PlayerProtocol.MaxNearby;

    /// <summary>Farthest an entity can be and still be sent as nearby (metres).</summary>
    public float ViewRadius { get; init; } = 120;

    /// <summary>Bytes per second each player's state updates may use.</summary>
    public int BandwidthBytesPerSecond { get; init; } = 32 * 1024;

    /// <summary>Inputs a player may have waiting between two ticks.</summary>
    public int InputQueueCapacity { get; init; } = 8;

    /// <summary>Inputs per second a player may send; the rest are dropped and counted.</summary>
    public int MaxInputsPerSecond { get; init; } = 60;

    /// <summary>Dropped datagrams per second after which a peer is disconnected.</summary>
    public int GarbagePerSecond { get; init; } = 20;

    /// <summary>Player speed at full input (m/s).</summary>
    public float MoveSpeed { get; init; } = 5;

    /// <summary>Where new players appear (centre x, centre y, radius), e.g. the middle of the map.</summary>
    public (float X, float Y, float Radius) SpawnArea { get; init; } = (2000, 2000, 40);
}
