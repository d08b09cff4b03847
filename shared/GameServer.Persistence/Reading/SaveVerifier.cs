using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Reading;

/// <summary>Checks a save's trailer, header and every block checksum (a delta: with every save of its chain, linked by id; optionally, full decoding).</summary>
public static class SaveVerifier
{
    /// <summary>Null when save <paramref name="name"/> of <paramref name="store"/> verifies; otherwise the exception that says where and why.</summary>
    public static async Task<SaveFormatException?> VerifyAsync(ISaveStore store, string name, bool decode = false, CancellationToken cancellationToken = default)
    {
        try
        {
            if (decode)
            {
                (await SaveChain.ReadAsync(store, name, cancellationToken).ConfigureAwait(false)).Dispose();
                return null;
            }

            var chain = await SaveChain.OpenAsync(store, name, cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var file in chain)
                {
                    try
                    {
                        file.VerifyChecksums();
                    }
                    catch (SaveFormatException e) when (!ReferenceEquals(file, chain[0]))
                    {
                        return new SaveFormatException(chain[0].Location, $"its chain is broken at {file.Name}: {e.Message}", e);
                    }
                }
            }
            finally
            {
                foreach (var file in chain) file.Dispose();
            }

            return null;
        }
        catch (SaveFormatException e)
        {
            return e;
        }
    }
}
