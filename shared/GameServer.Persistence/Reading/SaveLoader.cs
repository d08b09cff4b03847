using GameServer.Persistence.Format;
using GameServer.World.Snapshots;

namespace GameServer.Persistence.Reading;

/// <summary>Loads saves, verifying every checksum; load-latest falls back past damaged files.</summary>
public static class SaveLoader
{
    /// <summary>Decodes the save at <paramref name="path"/> into a detached snapshot.</summary>
    /// <exception cref="SaveFormatException">The file is missing, damaged, or not a supported save.</exception>
    public static WorldSnapshot Load(string path)
    {
        using var file = SaveFile.Open(path);
        return file.ReadSnapshot();
    }

    /// <summary>
    /// Loads the newest save of <paramref name="worldDirectory"/> that decodes completely, reporting every
    /// newer file it skipped and why. No snapshot when no save is valid (or there are none).
    /// </summary>
    public static LoadResult LoadLatest(string worldDirectory)
    {
        var skipped = new List<SkippedSave>();
        foreach (var entry in SaveCatalog.List(worldDirectory))
        {
            if (entry.Error is not null)
            {
                skipped.Add(new SkippedSave(entry.Path, entry.Error));
                continue;
            }

            try
            {
                return new LoadResult(Load(entry.Path), entry, skipped);
            }
            catch (SaveFormatException e)
            {
                skipped.Add(new SkippedSave(entry.Path, e.Message));
            }
        }

        return new LoadResult(null, null, skipped);
    }
}
