namespace GameServer.Protocol.Players;

/// <summary>The player channel's constants, shared by server and clients.</summary>
public static class PlayerProtocol
{
    /// <summary>The protocol version a join request carries; the server refuses any other.</summary>
    public const ushort Version = 1;

    /// <summary>Default UDP port of the game (players) channel.</summary>
    public const int DefaultPort = 9050;

    /// <summary>Longest player name, in UTF-16 code units.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Length of a player's secret token in bytes (256 bits).</summary>
    public const int TokenBytes = 32;

    /// <summary>Most nearby entities one state update carries.</summary>
    public const int MaxNearby = 64;

    /// <summary>
    /// Largest datagram a client may send: a join with the longest name (4 UTF-8 bytes per char at most)
    /// and a token fits with room to spare. Anything longer is dropped before decoding.
    /// </summary>
    public const int MaxClientDatagram = 256;

    /// <summary>Largest state update datagram (its header plus <see cref="MaxNearby"/> entities).</summary>
    public const int MaxStateUpdateDatagram = 64 + (MaxNearby * NearbyEntity.Size);
}
