using System.Buffers.Binary;
using GameServer.Inspector.Cli;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.World.Schema;

namespace GameServer.Inspector.Reading;

/// <summary>Opening saves and resolving the command-line arguments that refer into them.</summary>
internal static class SaveInput
{
    /// <summary>
    /// Opens the save at <paramref name="path"/> for reading its data: a full save as it is; a delta through its
    /// chain, decoded in memory into the full save it stands for (uncompressed), so every verb reads it alike.
    /// Any problem (a broken chain too) is a <see cref="SaveFormatException"/>.
    /// </summary>
    public static SaveFile Open(string path)
    {
        var file = OpenRaw(path);
        if (!file.Header.IsDelta) return file;
        using (file) return Compact(path, SaveCodecOptions.Uncompressed).File;
    }

    /// <summary>The full save the save at <paramref name="path"/> stands for, encoded with <paramref name="codec"/>, held in memory.</summary>
    public static (SaveFile File, EncodedSave Save, byte[] Bytes) Compact(string path, SaveCodecOptions codec)
    {
        var (store, name) = StoreOf(path);
        using var snapshot = SaveChain.ReadAsync(store, name).GetAwaiter().GetResult();
        using var newest = SaveFile.OpenAsync(store, name).GetAwaiter().GetResult();
        var h = newest.Header;
        using var encoder = new SnapshotEncoder(codec);
        var pending = encoder.PrepareFull(snapshot, h.WorldName, h.Kind, h.Label, h.Writer, h.Sequence, h.WorldId); // the same place in the same world's history
        using var bytes = new MemoryStream();
        var encoded = pending.WriteTo(bytes);
        var file = bytes.ToArray();
        var memory = new InMemorySaveStore(store.Location);
        memory.PutAsync(name, (stream, ct) => stream.WriteAsync(file, ct).AsTask()).GetAwaiter().GetResult();
        return (SaveFile.OpenAsync(memory, name).GetAwaiter().GetResult(), encoded, file);
    }

    /// <summary>
    /// Opens the save file at <paramref name="path"/> through the server's reader: its folder as a read-only
    /// store (nothing created, nothing locked), the file by name; a delta's header as it is (its data needs
    /// <see cref="Open"/>). Any problem is a <see cref="SaveFormatException"/>.
    /// </summary>
    public static SaveFile OpenRaw(string path)
    {
        if (Directory.Exists(path)) throw new InspectException($"{path}: is a folder, not a save file");
        var (store, name) = StoreOf(path);
        return SaveFile.OpenAsync(store, name).GetAwaiter().GetResult();
    }

    /// <summary>The read-only store of <paramref name="path"/>'s folder, and the file's name in it.</summary>
    public static (ISaveStore Store, string Name) StoreOf(string path)
    {
        if (path.StartsWith("azblob:", StringComparison.Ordinal)) return BlobStoreOf(path);
        var full = Path.GetFullPath(path);
        return (LocalFolderStore.OpenReadOnly(Path.GetDirectoryName(full) ?? full), Path.GetFileName(full));
    }

    /// <summary><c>azblob:CONTAINER/PREFIX/WORLD/SAVE</c>: the world's blob store, read-only, and the save's name.</summary>
    private static (ISaveStore Store, string Name) BlobStoreOf(string path)
    {
        var segments = path["azblob:".Length..].Trim('/').Split('/');
        if (segments.Length < 3) throw new InspectException($"{path}: expected azblob:CONTAINER/[PREFIX/]WORLD/SAVE");
        try
        {
            var address = StoreAddress.Parse("azblob:" + string.Join('/', segments[..^2]));
            return (address.Open(segments[^2], readOnly: true), segments[^1]);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InspectException($"{path}: {e.Message}");
        }
    }

    /// <summary>
    /// Column indices for <c>--columns a,b</c> (all columns when null), with the id column first: rows
    /// without their entity id are of little use.
    /// </summary>
    public static List<int> Columns(WorldSchema schema, string? option)
    {
        if (option is null) return Enumerable.Range(0, schema.Columns.Count).ToList();
        var indices = new List<int> { 0 };
        foreach (var name in option.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var index = schema.IndexOf(name);
            if (index < 0)
                throw new UsageException($"no column '{name}' in this save (columns: {string.Join(", ", schema.Columns.Select(c => c.Name))})");
            if (!indices.Contains(index)) indices.Add(index);
        }

        return indices;
    }

    /// <summary>Cursors for <paramref name="indices"/>.</summary>
    public static List<ColumnCursor> Cursors(SaveFile file, IEnumerable<int> indices) =>
        indices.Select(i => new ColumnCursor(file, i)).ToList();

    /// <summary>The row of entity <paramref name="id"/>, or -1, scanning the id column a batch at a time.</summary>
    public static int FindRow(SaveFile file, long id)
    {
        var ids = new ColumnCursor(file, 0);
        foreach (var (first, count) in RowBatches.Stream([ids], 0, file.Header.EntityCount))
        {
            for (var i = 0; i < count; i++)
            {
                if (BinaryPrimitives.ReadInt64LittleEndian(ids[i]) == id) return first + i;
            }
        }

        return -1;
    }
}
