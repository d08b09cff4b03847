using MemoryPack;

namespace GameServer.Protocol.Players;

/// <summary>Server to client: the join was refused; the connection stays open for another try.</summary>
[MemoryPackable]
public sealed partial class JoinRefused
{
    /// <summary>Why.</summary>
    public JoinRefusal Reason { get; set; }

    /// <summary>The reason in words, for the player.</summary>
    public string Message { get; set; } = "";
}
