using System.Security.Cryptography;
using System.Text;

namespace GameServer.Protocol.Admin;

/// <summary>
/// The admin channel's challenge-response: the client proves it knows the key by sending
/// HMAC-SHA256(key, server nonce || client nonce || context) instead of the key.
/// </summary>
/// <remarks>
/// The server nonce is fresh per connection, so a recorded proof is useless on the next one; the client
/// nonce means the client does not sign a value chosen only by the server; the context string keeps the
/// MAC from being valid for any other use of the same key.
/// </remarks>
public static class AdminProof
{
    private static readonly byte[] Context = Encoding.ASCII.GetBytes("gameserver-admin-proof/1");

    /// <summary>A fresh random nonce of <see cref="AdminLimits.NonceBytes"/> bytes.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(AdminLimits.NonceBytes);

    /// <summary>The proof for this key and these nonces.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> clientNonce)
    {
        Span<byte> data = stackalloc byte[(AdminLimits.NonceBytes * 2) + 64];
        var length = serverNonce.Length + clientNonce.Length + Context.Length;
        if (length > data.Length) throw new ArgumentException("nonces are too long");
        serverNonce.CopyTo(data);
        clientNonce.CopyTo(data[serverNonce.Length..]);
        Context.CopyTo(data[(serverNonce.Length + clientNonce.Length)..]);
        return HMACSHA256.HashData(key, data[..length]);
    }

    /// <summary>Whether <paramref name="proof"/> is the right proof, compared in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> proof) =>
        CryptographicOperations.FixedTimeEquals(Compute(key, serverNonce, clientNonce), proof);
}
