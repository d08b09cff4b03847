using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>Client to server: proof that the client knows the admin key (see <see cref="AdminProof"/>); the key itself never travels.</summary>
/// <param name="Proof">HMAC-SHA256 over server nonce, client nonce and the context string.</param>
[MemoryPackable]
public sealed partial record AdminProofMessage(byte[] Proof) : IAdminMessage
{
    /// <inheritdoc />
    [MemoryPackIgnore]
    public MessageType Type => MessageType.AdminProof;

    /// <inheritdoc />
    public void Validate() => AdminFields.Bytes(Proof, AdminLimits.ProofBytes, "proof");
}
