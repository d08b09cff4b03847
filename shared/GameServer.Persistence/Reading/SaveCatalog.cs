using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;

namespace GameServer.Persistence.Reading;

/// <summary>Lists the saves of a world folder, newest first, reading headers only.</summary>
public static class SaveCatalog
{
    /// <summary>Every <c>.gsav</c> file with a save name in <paramref name="worldDirectory"/>, newest first.</summary>
    public static IReadOnlyList<SaveEntry> List(string worldDirectory)
    {
        ArgumentNullException.ThrowIfNull(worldDirectory);
        if (!Directory.Exists(worldDirectory)) return [];
        var entries = new List<SaveEntry>();
        foreach (var path in Directory.EnumerateFiles(worldDirectory, "*" + SaveFormat.Extension))
        {
            if (!SaveNames.TryParse(System.IO.Path.GetFileName(path), out var name)) continue;
            entries.Add(Describe(path, name));
        }

        return entries
            .OrderByDescending(e => e.CapturedAtUtc)
            .ThenByDescending(e => e.Tick)
            .ThenByDescending(e => e.FileName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads one file's header into an entry; a damaged header becomes <see cref="SaveEntry.Error"/>.</summary>
    public static SaveEntry Describe(string path, SaveName name)
    {
        long length = 0;
        try
        {
            length = new FileInfo(path).Length;
            using var file = SaveFile.Open(path);
            return new SaveEntry(path, name, length, file.Header, file.FormatVersion, null);
        }
        catch (SaveFormatException e)
        {
            return new SaveEntry(path, name, length, null, 0, e.Message);
        }
        catch (IOException e)
        {
            return new SaveEntry(path, name, length, null, 0, e.Message);
        }
    }
}
