using System.Diagnostics;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>Entries named like saves that are no regular files are never opened, and load-latest says what each is.</summary>
[CancelAfter(30_000)]
public class IgnoredEntryTests
{
    [Test]
    public void Load_latest_reports_a_fifo_a_folder_and_a_symlink_named_like_saves_with_what_each_is()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        var valid = SaveFixture.Write(folder.Path, TestWorlds.Populated(50));
        var fifo = folder.File(SaveNames.Auto(new DateTime(2099, 1, 1, 0, 0, 1, DateTimeKind.Utc), 1));
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var directory = folder.File(SaveNames.Auto(new DateTime(2099, 1, 1, 0, 0, 2, DateTimeKind.Utc), 2));
        Directory.CreateDirectory(directory);
        var symlink = folder.File(SaveNames.Auto(new DateTime(2099, 1, 1, 0, 0, 3, DateTimeKind.Utc), 3));
        File.CreateSymbolicLink(symlink, SaveFixture.Write(outside.Path, TestWorlds.Populated(60)));
        File.WriteAllText(folder.File("notes.txt"), "not named like a save: not reported");

        var result = SavePaths.LoadLatest(folder.Path);
        using var snapshot = result.Snapshot;

        Assert.That(result.Entry!.Location, Is.EqualTo(valid));
        Assert.That(result.Skipped.ToDictionary(s => s.Location, s => s.Reason), Is.EquivalentTo(new Dictionary<string, string>
        {
            [fifo] = "not a save: a FIFO, not a regular file (only regular files are read; symlinks are never followed)",
            [directory] = "not a save: a folder, not a regular file (only regular files are read; symlinks are never followed)",
            [symlink] = "not a save: a symbolic link, not a regular file (only regular files are read; symlinks are never followed)",
        }));
    }
}
