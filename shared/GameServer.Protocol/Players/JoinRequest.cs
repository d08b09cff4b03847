using MemoryPack;

namespace GameServer.Protocol.Players;

/// <summary>Client to server: join the game as <see cref="Name"/>.</summary>
[MemoryPackable]
public sealed partial class JoinRequest
{
    /// <summary>The client's <see cref="PlayerProtocol.Version"/>.</summary>
    public ushort ProtocolVersion { get; set; } = PlayerProtocol.Version;

    /// <summary>The player name (see <see cref="PlayerNames"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// The secret the server issued on this name's first join; null on a first join. A name that has
    /// played before is refused without its token.
    /// </summary>
    public byte[]? Token { get; set; }
}
