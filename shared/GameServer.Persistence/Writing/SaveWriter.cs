using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Writing;

/// <summary>
/// Commits a save through a store: refuses when free space would drop under the margin, then encodes the save
/// straight into the store's atomic put (a folder store: temp file, fsync, rename, folder fsync). On any failure
/// nothing partial is left behind under a save name and earlier saves are untouched.
/// </summary>
/// <remarks>
/// A save's length is known only once it is written, so the check uses <see cref="PendingSave.LengthEstimate"/>, an
/// upper estimate. A volume that fills during the write still fails the put with ENOSPC, which leaves nothing behind.
/// </remarks>
public sealed class SaveWriter
{
    private readonly ISaveStore _store;

    /// <summary>Writes into <paramref name="store"/>, refusing when less than the margin would remain (<see cref="FreeSpaceMargin.Effective"/> of <paramref name="freeSpaceMarginBytes"/>).</summary>
    public SaveWriter(ISaveStore store, long freeSpaceMarginBytes = FreeSpaceMargin.DefaultBytes)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentOutOfRangeException.ThrowIfNegative(freeSpaceMarginBytes);
        FreeSpaceMarginBytes = freeSpaceMarginBytes;
    }

    /// <summary>Bytes that must stay free after the save is written (the setting; small volumes scale it down).</summary>
    public long FreeSpaceMarginBytes { get; }

    /// <summary>The margin in force on the store's volume now: the setting, scaled down on a small volume.</summary>
    public async Task<long> EffectiveMarginAsync(CancellationToken cancellationToken = default) =>
        FreeSpaceMargin.Effective(FreeSpaceMarginBytes, await _store.GetVolumeBytesAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Encodes and writes <paramref name="save"/> as <paramref name="name"/>, calling <paramref name="written"/> once every byte is in the put's stream (before the store commits it).</summary>
    /// <exception cref="SpaceShortageException">Not enough space for the save's estimated length: nothing was written.</exception>
    /// <exception cref="IOException">The name exists or the store failed (e.g. ENOSPC); nothing partial is left behind.</exception>
    /// <exception cref="UnauthorizedAccessException">The store refused access (EACCES); nothing partial is left behind.</exception>
    public async Task<EncodedSave> WriteAsync(PendingSave save, string name, Action? written = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(save);
        var free = await _store.GetFreeBytesAsync(cancellationToken).ConfigureAwait(false);
        if (free is { } available)
        {
            var margin = await EffectiveMarginAsync(cancellationToken).ConfigureAwait(false);
            if (available - save.LengthEstimate < margin) throw new SpaceShortageException(_store.Location, save.LengthEstimate, margin, available);
        }

        EncodedSave? encoded = null;
        await _store.PutAsync(
            name,
            (stream, _) =>
            {
                encoded = save.WriteTo(stream);
                written?.Invoke();
                return Task.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return encoded ?? throw new InvalidOperationException("the store committed without writing the save");
    }
}
