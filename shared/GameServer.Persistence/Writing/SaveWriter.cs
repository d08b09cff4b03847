using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Writing;

/// <summary>
/// Commits an encoded save through a store: refuses when free space would drop under the margin, then puts
/// the bytes atomically (a folder store: temp file, fsync, rename, folder fsync). On any failure nothing
/// partial is left behind under a save name and earlier saves are untouched.
/// </summary>
public sealed class SaveWriter
{
    private readonly ISaveStore _store;

    /// <summary>Writes into <paramref name="store"/>, refusing when less than <paramref name="freeSpaceMarginBytes"/> would remain.</summary>
    public SaveWriter(ISaveStore store, long freeSpaceMarginBytes = 64L << 20)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        FreeSpaceMarginBytes = freeSpaceMarginBytes;
    }

    /// <summary>Bytes that must stay free after the save is written.</summary>
    public long FreeSpaceMarginBytes { get; }

    /// <summary>Writes <paramref name="save"/> as <paramref name="name"/>.</summary>
    /// <exception cref="IOException">Not enough space, the name exists, or the store failed; nothing partial is left behind.</exception>
    public async Task WriteAsync(EncodedSave save, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(save);
        var free = await _store.GetFreeBytesAsync(cancellationToken).ConfigureAwait(false);
        if (free is { } available && available - save.FileLength < FreeSpaceMarginBytes)
        {
            throw new IOException(
                $"not enough free space in {_store.Location}: the save needs {save.FileLength:N0} bytes plus a {FreeSpaceMarginBytes:N0}-byte margin, {available:N0} are free");
        }

        await _store.PutAsync(
            name,
            (stream, _) =>
            {
                SnapshotEncoder.WriteTo(stream, save);
                return Task.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
