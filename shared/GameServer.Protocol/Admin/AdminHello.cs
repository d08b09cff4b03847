using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>Client to server, first message after connecting: its protocol version and a fresh random nonce.</summary>
/// <param name="Version">The client's <see cref="AdminLimits.ProtocolVersion"/>.</param>
/// <param name="ClientNonce"><see cref="AdminLimits.NonceBytes"/> random bytes, new for every connection.</param>
[MemoryPackable]
public sealed partial record AdminHello(ushort Version, byte[] ClientNonce) : IAdminMessage
{
    /// <inheritdoc />
    [MemoryPackIgnore]
    public MessageType Type => MessageType.AdminHello;

    /// <inheritdoc />
    public void Validate()
    {
        if (Version != AdminLimits.ProtocolVersion) throw new AdminMessageException($"admin protocol version {Version} is not supported (this server speaks {AdminLimits.ProtocolVersion})");
        AdminFields.Bytes(ClientNonce, AdminLimits.NonceBytes, "client nonce");
    }
}
