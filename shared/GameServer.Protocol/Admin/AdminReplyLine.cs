using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>Server to client: one line of a command's reply, in order.</summary>
/// <param name="RequestId">The command this line answers.</param>
/// <param name="Text">The line (at most <see cref="AdminLimits.MaxReplyChars"/> characters).</param>
[MemoryPackable]
public sealed partial record AdminReplyLine(uint RequestId, string Text) : IAdminMessage
{
    /// <inheritdoc />
    [MemoryPackIgnore]
    public MessageType Type => MessageType.AdminReplyLine;

    /// <inheritdoc />
    public void Validate() => AdminFields.Text(Text, AdminLimits.MaxReplyChars, "reply line", allowEmpty: true);
}
