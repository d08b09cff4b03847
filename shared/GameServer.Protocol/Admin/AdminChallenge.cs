using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>Server to client: a fresh random nonce for this connection, which the proof must cover.</summary>
/// <param name="ServerNonce"><see cref="AdminLimits.NonceBytes"/> random bytes, never reused.</param>
[MemoryPackable]
public sealed partial record AdminChallenge(byte[] ServerNonce) : IAdminMessage
{
    /// <inheritdoc />
    [MemoryPackIgnore]
    public MessageType Type => MessageType.AdminChallenge;

    /// <inheritdoc />
    public void Validate() => AdminFields.Bytes(ServerNonce, AdminLimits.NonceBytes, "server nonce");
}
