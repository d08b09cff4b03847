namespace GameServer.Server.Network.Players;

/// <summary>Why a datagram from a peer was dropped.</summary>
internal enum DropKind
{
    /// <summary>It did not decode.</summary>
    Malformed,

    /// <summary>Unknown or server-only message type.</summary>
    Unknown,

    /// <summary>An old input, or a message the session's state does not expect.</summary>
    OutOfOrder,

    /// <summary>Longer than any client message.</summary>
    Oversized,
}
