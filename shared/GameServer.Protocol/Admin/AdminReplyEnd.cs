using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>Server to client: the reply to a command is complete; no more lines follow for it.</summary>
/// <param name="RequestId">The command that ended.</param>
/// <param name="Succeeded">Whether the command did what it was asked.</param>
/// <param name="Reason">Why it failed; empty on success.</param>
[MemoryPackable]
public sealed partial record AdminReplyEnd(uint RequestId, bool Succeeded, string Reason) : IAdminMessage
{
    /// <inheritdoc />
    [MemoryPackIgnore]
    public MessageType Type => MessageType.AdminReplyEnd;

    /// <inheritdoc />
    public void Validate() => AdminFields.Text(Reason, AdminLimits.MaxReasonChars, "reason", allowEmpty: true);
}
