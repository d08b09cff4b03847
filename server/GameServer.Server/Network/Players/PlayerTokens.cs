using System.Security.Cryptography;
using GameServer.Protocol.Players;

namespace GameServer.Server.Network.Players;

/// <summary>Secret player tokens: issued at random, stored only as a hash, checked in constant time.</summary>
/// <remarks>
/// A token is 256 random bits, so a plain SHA-256 is enough (nothing to brute-force, unlike a password);
/// a stolen save reveals no token.
/// </remarks>
public static class PlayerTokens
{
    /// <summary>A new random token.</summary>
    public static byte[] Issue() => RandomNumberGenerator.GetBytes(PlayerProtocol.TokenBytes);

    /// <summary>The hash stored in the world for <paramref name="token"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> token) => SHA256.HashData(token);

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="storedHash"/> (constant time).</summary>
    public static bool Matches(ReadOnlySpan<byte> token, ReadOnlySpan<byte> storedHash)
    {
        if (token.Length != PlayerProtocol.TokenBytes || storedHash.Length != SHA256.HashSizeInBytes) return false;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(token, hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }
}
