using System.Security.Cryptography;

namespace GameServer.Protocol.Admin;

/// <summary>
/// The 256-bit secret shared by the server and its admins. Its file holds it as 64 hex digits on one line.
/// </summary>
/// <remarks><see cref="ToString"/> never shows the key, so it cannot leak into a log by accident.</remarks>
public sealed class AdminKey
{
    private const int MaxFileBytes = 4096;
    private readonly byte[] _bytes;

    private AdminKey(byte[] bytes) => _bytes = bytes;

    /// <summary>The key's bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>A new random key.</summary>
    public static AdminKey Generate() => new(RandomNumberGenerator.GetBytes(AdminLimits.KeyBytes));

    /// <summary>Parses the file's text form: 64 hex digits; surrounding whitespace is ignored.</summary>
    /// <exception cref="FormatException">The text is not 64 hex digits (the message never quotes it).</exception>
    public static AdminKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length != AdminLimits.KeyBytes * 2) throw new FormatException($"an admin key is {AdminLimits.KeyBytes * 2} hex digits (found {trimmed.Length} characters)");
        var bytes = new byte[AdminLimits.KeyBytes];
        if (Convert.FromHexString(trimmed, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new FormatException("an admin key is hex digits only (0-9, a-f)");
        return new AdminKey(bytes);
    }

    /// <summary>Reads a key file.</summary>
    /// <exception cref="AdminKeyException">The file cannot be read or does not hold a key (the message names the file, never its content).</exception>
    public static AdminKey ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes) throw new AdminKeyException($"admin key file {path} is not a key file ({stream.Length} bytes)");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdminKeyException($"cannot read admin key file {path}: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new AdminKeyException($"admin key file {path}: {e.Message}");
        }
    }

    /// <summary>The file's text form (64 lowercase hex digits). Write it only to the key file.</summary>
    public string ToText() => Convert.ToHexStringLower(_bytes);

    /// <summary>A placeholder: the key itself is never shown.</summary>
    public override string ToString() => "AdminKey(hidden)";
}
