using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Reading;

/// <summary>Tells a save that is damaged in itself from one that only cannot be read now or lacks a good base.</summary>
/// <remarks>
/// Decides what load-latest sets aside: only a save whose own bytes fail (preamble, trailer, header, a block's
/// checksum or decoding, a full save's offsets). A delta whose base is missing or damaged, a save of another
/// world, and a read error (permissions, I/O) are not damage in the save: it is never renamed for them.
/// </remarks>
public static class SaveDamage
{
    /// <summary>The reason save <paramref name="name"/> is damaged in itself, or null when it reads on its own (or cannot be read now).</summary>
    public static async Task<SaveFormatException?> FindAsync(ISaveStore store, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            using var file = await SaveFile.OpenAsync(store, name, cancellationToken).ConfigureAwait(false);
            if (!file.Header.IsDelta)
            {
                file.ReadSnapshot().Dispose();
                return null;
            }

            // A delta on its own: every block must verify and decode; applying it needs its chain.
            var scratch = new byte[SaveFormat.MaxBlockRawBytes];
            foreach (var column in file.Header.Columns)
            {
                foreach (var buffer in column.Buffers)
                {
                    foreach (var block in buffer.Blocks) file.ReadBlock(block, scratch.AsSpan(0, block.RawLength));
                }
            }

            return null;
        }
        catch (SaveFormatException e) when (!IsReadFailure(e))
        {
            return e;
        }
        catch (SaveFormatException)
        {
            return null;
        }
    }

    // Missing, unreadable or forbidden is the store's state, not the save's damage.
    private static bool IsReadFailure(SaveFormatException e) =>
        e.InnerException is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;
}
