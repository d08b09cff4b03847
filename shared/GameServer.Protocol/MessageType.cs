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
}
