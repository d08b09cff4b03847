using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Reading;

/// <summary>Checks a save's trailer, header and every block checksum (and, optionally, full decoding).</summary>
public static class SaveVerifier
{
    /// <summary>Null when save <paramref name="name"/> of <paramref name="store"/> verifies; otherwise the exception that says where and why.</summary>
    public static async Task<SaveFormatException?> VerifyAsync(ISaveStore store, string name, bool decode = false, CancellationToken cancellationToken = default)
    {
        try
        {
            using var file = await SaveFile.OpenAsync(store, name, cancellationToken).ConfigureAwait(false);
            if (decode) file.ReadSnapshot().Dispose();
            else file.VerifyChecksums();
            return null;
        }
        catch (SaveFormatException e)
        {
            return e;
        }
    }
}
