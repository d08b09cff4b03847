namespace GameServer.Protocol.Players;

/// <summary>
/// The one exception player-message decoding raises: the datagram is empty, too long, of another type
/// than expected, or its body does not decode. Receivers drop the datagram and count it.
/// </summary>
public sealed class MalformedMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MalformedMessageException(string reason, Exception? inner = null)
        : base(reason, inner)
    {
    }
}
