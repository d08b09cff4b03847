namespace GameServer.Server.Network.Players;

/// <summary>Where a connection is in its life.</summary>
public enum SessionState
{
    /// <summary>Connected; no join accepted yet (a refused join comes back here).</summary>
    Connected,

    /// <summary>A join request waits for the tick thread.</summary>
    Joining,

    /// <summary>Joined: the player's entity is driven by this connection.</summary>
    Online,

    /// <summary>Disconnected.</summary>
    Closed,
}
