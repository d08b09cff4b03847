using MemoryPack;

namespace GameServer.Protocol.Players;

/// <summary>Server to client: the join succeeded.</summary>
[MemoryPackable]
public sealed partial class JoinAccepted
{
    /// <summary>The player's entity in the world (the same one on every later join of the name).</summary>
    public long EntityId { get; set; }

    /// <summary>The server's tick when the player joined.</summary>
    public long Tick { get; set; }

    /// <summary>Ticks per second.</summary>
    public int TickRate { get; set; }

    /// <summary>State updates per second the player will receive.</summary>
    public int StateRate { get; set; }

    /// <summary>
    /// On a name's first join: the secret token the client must keep and present on every later join.
    /// The server keeps only its hash. Null on later joins.
    /// </summary>
    public byte[]? NewToken { get; set; }
}
