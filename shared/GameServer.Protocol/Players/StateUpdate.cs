using MemoryPack;

namespace GameServer.Protocol.Players;

/// <summary>Server to client, 10-20 times a second: the player's own state and the entities nearest to it.</summary>
/// <remarks>
/// The server reuses one instance and points <see cref="Nearby"/> at a pooled buffer, so sending allocates
/// nothing; decoding allocates the nearby array (bounded by the datagram).
/// </remarks>
[MemoryPackable]
public sealed partial class StateUpdate
{
    /// <summary>The server tick this state is from.</summary>
    public long Tick { get; set; }

    /// <summary>The <see cref="PlayerInput.Sequence"/> of the newest input applied so far (0: none yet).</summary>
    public uint LastInputSequence { get; set; }

    /// <summary>The player's own entity.</summary>
    public PlayerState Self { get; set; }

    /// <summary>Up to <see cref="PlayerProtocol.MaxNearby"/> entities, nearest first.</summary>
    public ReadOnlyMemory<NearbyEntity> Nearby { get; set; }
}
