using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>
/// Server to client: whether the proof was accepted. A refusal (wrong key, locked out) is sent as the data of
/// the disconnect, so it arrives even though the connection closes at once.
/// </summary>
/// <param name="Accepted">Whether commands may now be sent.</param>
/// <param name="Reason">Why not; empty when accepted.</param>
[MemoryPackable]
public sealed partial record AdminAuthResult(bool Accepted, string Reason) : IAdminMessage
{
    /// <inheritdoc />
    [MemoryPackIgnore]
    public MessageType Type => MessageType.AdminAuthResult;

    /// <inheritdoc />
    public void Validate() => AdminFields.Text(Reason, AdminLimits.MaxReasonChars, "reason", allowEmpty: true);
}
