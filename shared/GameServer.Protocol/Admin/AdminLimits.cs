namespace GameServer.Protocol.Admin;

/// <summary>Sizes and names both ends of the admin channel agree on.</summary>
/// <remarks>Every bound is checked on decode, so a peer cannot make the other side hold more than these.</remarks>
public static class AdminLimits
{
    /// <summary>Version of the admin protocol this build speaks (in <see cref="AdminHello"/>).</summary>
    public const ushort ProtocolVersion = 1;

    /// <summary>LiteNetLib's connection key for the admin port. It only filters stray traffic; it is not a secret.</summary>
    public const string ConnectionKey = "gameserver-admin/1";

    /// <summary>Bytes of each nonce.</summary>
    public const int NonceBytes = 32;

    /// <summary>Bytes of the proof (an HMAC-SHA256).</summary>
    public const int ProofBytes = 32;

    /// <summary>Bytes of the admin key (256 bits).</summary>
    public const int KeyBytes = 32;

    /// <summary>Longest command line, in characters.</summary>
    public const int MaxCommandChars = 1024;

    /// <summary>Longest reply line, in characters; the server cuts longer lines.</summary>
    public const int MaxReplyChars = 4096;

    /// <summary>Longest reason (of a refusal or a failed command), in characters.</summary>
    public const int MaxReasonChars = 512;

    /// <summary>Largest datagram either end accepts: a reply line of <see cref="MaxReplyChars"/> in UTF-8 plus headers.</summary>
    public const int MaxDatagramBytes = 16 * 1024;
}
