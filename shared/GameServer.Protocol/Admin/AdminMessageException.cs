namespace GameServer.Protocol.Admin;

/// <summary>A datagram on the admin channel is not a valid admin message: the one exception the decoder throws.</summary>
public sealed class AdminMessageException : Exception
{
    /// <summary>Creates the exception with a one-line reason.</summary>
    public AdminMessageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line reason and the decoder's own error.</summary>
    public AdminMessageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
