namespace GameServer.Protocol.Admin;

/// <summary>A message of the remote admin channel (message types 64-127).</summary>
public interface IAdminMessage
{
    /// <summary>The message's type byte on the wire.</summary>
    MessageType Type { get; }

    /// <summary>Checks sizes and contents after decoding.</summary>
    /// <exception cref="AdminMessageException">A field is out of bounds.</exception>
    void Validate();
}
