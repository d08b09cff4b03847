using System.Net;

namespace GameServer.Server.Network.Admin;

/// <summary>Where the admin listener binds and how much it tolerates.</summary>
public sealed record AdminListenerOptions
{
    /// <summary>Address to bind (IPv4); loopback by default, so remote admin is local unless asked for.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>UDP port; 0 binds any free port (read it back from <see cref="AdminListener.Port"/>).</summary>
    public int Port { get; init; } = 9051;

    /// <summary>Most admin connections at once; more are refused at the connection request.</summary>
    public int MaxConnections { get; init; } = 8;

    /// <summary>Time a connection has to complete the handshake before it is closed.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Malformed datagrams a peer may send before it is disconnected.</summary>
    public int MaxMalformed { get; init; } = 8;

    /// <summary>Commands one connection may have running at once.</summary>
    public int MaxCommandsInFlight { get; init; } = 4;
}
