namespace GameServer.Protocol.Players;

/// <summary>Why a join was refused.</summary>
public enum JoinRefusal : byte
{
    /// <summary>The name is not a valid player name.</summary>
    BadName = 1,

    /// <summary>A player with this name is online already.</summary>
    NameOnline = 2,

    /// <summary>The name has played before and the token is missing or wrong.</summary>
    WrongToken = 3,

    /// <summary>The client speaks another protocol version.</summary>
    BadVersion = 4,

    /// <summary>This connection has joined already.</summary>
    AlreadyJoined = 5,
}
