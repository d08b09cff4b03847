using System.Net;
using GameServer.Server.Commands;
using LiteNetLib;

namespace GameServer.Server.Network.Admin;

/// <summary>One admin connection: where it is in the handshake, its nonces, and how it has behaved.</summary>
/// <remarks>Network thread only, except <see cref="IsOpen"/>, which reply writers read from any thread.</remarks>
internal sealed class AdminSession(NetPeer peer, long connectedAt)
{
    private volatile bool _open = true;

    public NetPeer Peer { get; } = peer;

    /// <summary>The remote address (lockouts are per address, not per port).</summary>
    public IPAddress Address { get; } = peer.Address;

    /// <summary>Address and port, for logs.</summary>
    public string Endpoint { get; } = peer.ToString();

    /// <summary>Who runs this connection's commands: the admin key grants every permission.</summary>
    public CommandCaller Caller { get; } = new("admin", CallerKind.Remote, peer.ToString(), CommandPermissions.All);

    public AdminSessionState State { get; set; } = AdminSessionState.AwaitingHello;

    public byte[]? ClientNonce { get; set; }

    public byte[]? ServerNonce { get; set; }

    /// <summary>When the connection was accepted (<see cref="TimeProvider.GetTimestamp"/>): the handshake has a deadline.</summary>
    public long ConnectedAt { get; } = connectedAt;

    /// <summary>Datagrams from this peer that were not valid admin messages.</summary>
    public int Malformed { get; set; }

    /// <summary>Commands started and not yet ended.</summary>
    public int InFlight { get; set; }

    /// <summary>Whether replies may still be sent (false once disconnected or refused).</summary>
    public bool IsOpen => _open;

    public void Close() => _open = false;
}

/// <summary>Where an admin connection is in its life.</summary>
internal enum AdminSessionState
{
    /// <summary>Connected; the client's hello is due.</summary>
    AwaitingHello,

    /// <summary>Challenge sent; the proof is due.</summary>
    AwaitingProof,

    /// <summary>Proof accepted: commands run.</summary>
    Authenticated,
}
