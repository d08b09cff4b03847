using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Writing;

/// <summary>
/// Commits an encoded save crash-safely: check free space, write a temp file in the same folder, fsync it,
/// rename it to its final name, fsync the folder. On any failure the temp file is removed and earlier
/// saves are untouched; no partial file ever carries a final save name.
/// </summary>
public sealed class SaveWriter
{
    private readonly ISaveStorage _storage;

    /// <summary>Writes through <paramref name="storage"/>, refusing when less than <paramref name="freeSpaceMarginBytes"/> would remain.</summary>
    public SaveWriter(ISaveStorage storage, long freeSpaceMarginBytes = 64L << 20)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        FreeSpaceMarginBytes = freeSpaceMarginBytes;
    }

    /// <summary>Bytes that must stay free after the save is written.</summary>
    public long FreeSpaceMarginBytes { get; }

    /// <summary>Writes <paramref name="save"/> as <paramref name="finalName"/>; returns the full path.</summary>
    /// <exception cref="IOException">Not enough space, or the storage failed; nothing partial is left behind.</exception>
    public string Write(EncodedSave save, string finalName)
    {
        ArgumentNullException.ThrowIfNull(save);
        var free = _storage.AvailableFreeBytes();
        if (free is { } available && available - save.FileLength < FreeSpaceMarginBytes)
        {
            throw new IOException(
                $"not enough free space in {_storage.Location}: the save needs {save.FileLength:N0} bytes plus a {FreeSpaceMarginBytes:N0}-byte margin, {available:N0} are free");
        }

        var tempName = SaveNames.Temp(finalName);
        var committed = false;
        try
        {
            using (var stream = _storage.CreateTemp(tempName))
            {
                SnapshotEncoder.WriteTo(stream, save);
                _storage.FlushToDisk(stream);
            }

            _storage.Commit(tempName, finalName);
            committed = true;
            return _storage.PathOf(finalName);
        }
        finally
        {
            if (!committed) TryDelete(tempName);
        }
    }

    private void TryDelete(string name)
    {
        try
        {
            _storage.Delete(name);
        }
        catch (IOException)
        {
            // The original failure is what matters; a leftover temp file is removed at next start.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
