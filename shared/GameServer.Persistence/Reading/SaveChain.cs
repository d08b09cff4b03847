using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.World.Snapshots;

namespace GameServer.Persistence.Reading;

/// <summary>
/// Reads a save through its chain: a full save is decoded as it is; a delta's base is opened (by the file name
/// in its header, checked by id and chain index), recursively down to the full save, which is decoded, and
/// then each delta is applied in order.
/// </summary>
/// <remarks>
/// A broken link (a base missing, replaced by another save of the same name, out of order, or damaged) fails
/// the whole read with a <see cref="SaveFormatException"/> on the requested save that names the link and why;
/// load-latest then falls back to the newest save whose chain is intact. Memory: two world snapshots while a
/// delta is applied. Off the tick thread.
/// </remarks>
public static class SaveChain
{
    /// <summary>Opens save <paramref name="name"/> and every save it is based on, newest first; the caller disposes them.</summary>
    /// <exception cref="SaveFormatException">A save of the chain is missing, damaged, or does not link to the next.</exception>
    public static async Task<IReadOnlyList<SaveFile>> OpenAsync(ISaveStore store, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var files = new List<SaveFile>();
        try
        {
            var file = await SaveFile.OpenAsync(store, name, cancellationToken).ConfigureAwait(false);
            files.Add(file);
            while (file.Header.IsDelta)
            {
                var header = file.Header;
                if (files.Count >= SaveFormat.MaxChainLength)
                    throw new SaveFormatException(files[0].Location, SaveFormat.PreambleBytes, $"its chain is longer than {SaveFormat.MaxChainLength} saves");
                SaveFile baseFile;
                try
                {
                    baseFile = await SaveFile.OpenAsync(store, header.BaseFileName, cancellationToken).ConfigureAwait(false);
                }
                catch (SaveFormatException e)
                {
                    throw Broken(files[0], file, $"its base {header.BaseFileName} cannot be read: {e.Message}", e);
                }

                files.Add(baseFile);
                if (baseFile.Header.SaveId != header.BaseSaveId)
                    throw Broken(files[0], file, $"its base {header.BaseFileName} has id {baseFile.Header.SaveId}, the delta was taken against {header.BaseSaveId} (the base was replaced)");
                if (baseFile.Header.ChainIndex != header.ChainIndex - 1)
                    throw Broken(files[0], file, $"its base {header.BaseFileName} is link {baseFile.Header.ChainIndex} of its chain, expected {header.ChainIndex - 1}");
                if (baseFile.Header.WorldName != header.WorldName)
                    throw Broken(files[0], file, $"its base {header.BaseFileName} belongs to world '{baseFile.Header.WorldName}'");
                if (baseFile.Header.WorldId != header.WorldId && baseFile.Header.WorldId != Guid.Empty && header.WorldId != Guid.Empty)
                    throw Broken(files[0], file, $"its base {header.BaseFileName} belongs to another world (id {baseFile.Header.WorldId}, the delta's is {header.WorldId})");
                if (header.Sequence != 0 && baseFile.Header.Sequence >= header.Sequence)
                    throw Broken(files[0], file, $"its base {header.BaseFileName} has sequence {baseFile.Header.Sequence}, not older than the delta's {header.Sequence}");
                file = baseFile;
            }

            return files;
        }
        catch
        {
            foreach (var f in files) f.Dispose();
            throw;
        }
    }

    /// <summary>Decodes save <paramref name="name"/> of <paramref name="store"/>, through its chain, into a detached snapshot.</summary>
    /// <exception cref="SaveFormatException">The save or a save of its chain is missing, damaged or unlinked.</exception>
    public static async Task<WorldSnapshot> ReadAsync(ISaveStore store, string name, CancellationToken cancellationToken = default)
    {
        var files = await OpenAsync(store, name, cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(files);
        }
        finally
        {
            foreach (var f in files) f.Dispose();
        }
    }

    /// <summary>Decodes a chain opened by <see cref="OpenAsync"/> (newest first) into a detached snapshot.</summary>
    /// <remarks>
    /// In place: each buffer is sized once for the longest it gets along the chain, the full save is decoded
    /// into it, and each delta's blocks are XORed onto it in order, so no link copies or allocates a whole
    /// snapshot; every block's checksum is checked once, as it is read. Memory: one snapshot plus one block of
    /// scratch.
    /// </remarks>
    /// <exception cref="SaveFormatException">A block is damaged or a delta does not apply.</exception>
    public static WorldSnapshot Read(IReadOnlyList<SaveFile> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        if (newestFirst.Count == 0) throw new ArgumentException("empty chain", nameof(newestFirst));
        var newest = newestFirst[0];
        var full = newestFirst[^1];
        for (var i = newestFirst.Count - 2; i >= 0; i--)
        {
            if (!newestFirst[i].SchemaMatches(full.Schema))
                throw Broken(newest, newestFirst[i], $"delta's columns differ from those of its base {newestFirst[i].Header.BaseFileName}");
        }

        RequireBackedRows(newestFirst);
        var header = newest.Header;
        var snapshot = WorldSnapshot.CreateDetached(newest.Schema, header.EntityCount, header.Tick, header.CapturedAtUtc, header.NextId);
        try
        {
            for (var c = 0; c < header.Columns.Count; c++)
            {
                var column = snapshot.Columns[c];
                for (var b = 0; b < column.BufferCount; b++) ReadBuffer(newestFirst, column, c, b);
                if (column.Definition.IsVariableLength) ValidateOffsets(newest, column);
            }

            return snapshot;
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    // One buffer through the whole chain: the full save's bytes, then each delta cut or zero-extended to its
    // length and XORed with the delta's blocks.
    private static void ReadBuffer(IReadOnlyList<SaveFile> newestFirst, ColumnSnapshot column, int c, int b)
    {
        if (column.Definition.IsVariableLength && b == 1) RequireBoundedGrowth(newestFirst, c);
        var capacity = 0;
        foreach (var file in newestFirst) capacity = Math.Max(capacity, checked((int)file.Header.Columns[c].Buffers[b].RawLength));
        var buffer = column.PrepareBuffer(b, capacity);
        var newest = newestFirst[0];
        var full = newestFirst[^1];
        var length = (int)full.Header.Columns[c].Buffers[b].RawLength;
        try
        {
            full.ReadBuffer(c, b, buffer[..length]);
        }
        catch (SaveFormatException e) when (!ReferenceEquals(newest, full))
        {
            throw Broken(newest, full, e.Message, e);
        }

        for (var i = newestFirst.Count - 2; i >= 0; i--)
        {
            var delta = newestFirst[i];
            var next = (int)delta.Header.Columns[c].Buffers[b].RawLength;
            if (next > length) buffer[length..next].Clear();
            length = next;
            try
            {
                delta.ApplyDeltaBlocks(c, b, buffer[..length]);
            }
            catch (SaveFormatException e) when (!ReferenceEquals(newest, delta))
            {
                throw Broken(newest, delta, e.Message, e);
            }
        }

        // Same array (it already holds capacity >= length bytes): only the visible length changes.
        column.PrepareBuffer(b, length);
    }

    // Before anything is allocated: no delta may add rows whose ids it does not store (the rows would cost memory the file never paid for).
    private static void RequireBackedRows(IReadOnlyList<SaveFile> newestFirst)
    {
        for (var i = newestFirst.Count - 2; i >= 0; i--)
        {
            try
            {
                newestFirst[i].RequireBackedRows(newestFirst[i + 1].Header.EntityCount);
            }
            catch (SaveFormatException e) when (!ReferenceEquals(newestFirst[0], newestFirst[i]))
            {
                throw Broken(newestFirst[0], newestFirst[i], e.Message, e);
            }
        }
    }

    // Before the buffer is sized for the chain: no delta may claim a blob column far beyond what its blocks decode to.
    private static void RequireBoundedGrowth(IReadOnlyList<SaveFile> newestFirst, int c)
    {
        var length = newestFirst[^1].Header.Columns[c].Buffers[1].RawLength;
        for (var i = newestFirst.Count - 2; i >= 0; i--)
        {
            try
            {
                newestFirst[i].RequireBoundedGrowth(c, length);
            }
            catch (SaveFormatException e) when (!ReferenceEquals(newestFirst[0], newestFirst[i]))
            {
                throw Broken(newestFirst[0], newestFirst[i], e.Message, e);
            }

            length = newestFirst[i].Header.Columns[c].Buffers[1].RawLength;
        }
    }

    private static void ValidateOffsets(SaveFile newest, ColumnSnapshot column)
    {
        try
        {
            column.ValidateOffsets(newest.Header.EntityCount);
        }
        catch (InvalidDataException e)
        {
            throw new SaveFormatException(newest.Location, SaveFormat.PreambleBytes, $"column '{column.Definition.Name}' after applying its chain: {e.Message}", e);
        }
    }

    // The offset is the requested save's header, where its chain is named; the inner error has the link's own offset.
    private static SaveFormatException Broken(SaveFile requested, SaveFile link, string reason, Exception? inner = null) =>
        ReferenceEquals(requested, link)
            ? new SaveFormatException(requested.Location, SaveFormat.PreambleBytes, reason, inner)
            : new SaveFormatException(requested.Location, SaveFormat.PreambleBytes, $"its chain is broken at {link.Name}: {reason}", inner);
}
