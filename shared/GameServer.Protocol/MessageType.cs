namespace GameServer.Protocol;

/// <summary>
/// The first byte of every datagram: which message follows (its MemoryPack body is the rest).
/// </summary>
/// <remarks>
/// Ranges keep the two channels apart: player messages 1-63 on the game port, admin messages 64-127 on
/// the admin port. Values are never reused once shipped; 0 is never valid, so a zeroed datagram is garbage.
/// </remarks>
public enum MessageType : byte
{
    /// <summary>Not a message: a datagram starting with 0 is dropped as malformed.</summary>
    None = 0,

    /// <summary>Client to server: join as a player name, with its token unless this is the name's first join.</summary>
    JoinRequest = 1,

    /// <summary>Server to client: joined; the entity id, the tick and the rates, and a new token on a name's first join.</summary>
    JoinAccepted = 2,

    /// <summary>Server to client: the join was refused, with the reason.</summary>
    JoinRefused = 3,

    /// <summary>Client to server: movement intent, numbered so the server can echo the last one it applied.</summary>
    PlayerInput = 4,

    /// <summary>Server to client: the player's own state and the entities nearest to it.</summary>
    StateUpdate = 5,

    /// <summary>Admin client to server: protocol version and the client's nonce; starts authentication.</summary>
    AdminHello = 64,

    /// <summary>Admin server to client: a fresh server nonce for this connection.</summary>
    AdminChallenge = 65,

    /// <summary>Admin client to server: HMAC-SHA256 over both nonces, keyed by the admin key.</summary>
    AdminProof = 66,

    /// <summary>Admin server to client: authenticated (a refusal comes as the disconnect's data).</summary>
    AdminAuthResult = 67,

    /// <summary>Admin client to server: one command line with the client's request id.</summary>
    AdminCommand = 68,

    /// <summary>Admin server to client: one line of a command's reply.</summary>
    AdminReplyLine = 69,

    /// <summary>Admin server to client: the reply is complete; the command succeeded or failed.</summary>
    AdminReplyEnd = 70,
}
