using MemoryPack;

namespace GameServer.Protocol.Admin;

/// <summary>Client to server, after authentication: one command line, as typed on the console.</summary>
/// <param name="RequestId">The client's number for this command; the reply carries it back.</param>
/// <param name="Line">The command line (1 to <see cref="AdminLimits.MaxCommandChars"/> characters, no control characters).</param>
[MemoryPackable]
public sealed partial record AdminCommand(uint RequestId, string Line) : IAdminMessage
{
    /// <inheritdoc />
    [MemoryPackIgnore]
    public MessageType Type => MessageType.AdminCommand;

    /// <inheritdoc />
    public void Validate() => AdminFields.Text(Line, AdminLimits.MaxCommandChars, "command line", allowEmpty: false);
}
