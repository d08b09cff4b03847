using GameServer.Persistence.Autosave;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.History;

/// <summary>Every save names its world (name and id); another world's save copied into a folder is never taken for this world's.</summary>
[CancelAfter(60_000)]
public class WorldIdentityTests() : AutosaveRig(entities: 300)
{
    private string FolderOf(string world) => Path.Combine(Folder.Path, world);

    [Test]
    public void Load_latest_skips_another_worlds_save_copied_in_as_the_newest_and_names_both_worlds()
    {
        var own = Save("b", SaveKind.Auto, new SettableClock(Noon));
        var foreign = Save("a", SaveKind.Auto, new SettableClock(Noon.AddHours(1)));
        var copied = Path.Combine(FolderOf("b"), Path.GetFileName(foreign.Location!));
        File.Copy(foreign.Location!, copied);

        var latest = SaveLoader.LoadLatestAsync(LocalFolderStore.OpenReadOnly(FolderOf("b")), "b").GetAwaiter().GetResult();
        using var snapshot = latest.Snapshot!;

        Assert.That(latest.Entry!.FileName, Is.EqualTo(own.Name));
        Assert.That(latest.Entry.WorldId, Is.Not.Null);
        var skip = latest.Skipped.Single();
        Assert.That(skip.Location, Is.EqualTo(copied));
        Assert.That(skip.Reason, Does.Contain($"world 'a' ({WorldIdOf(foreign)})").And.Contain($"not to this world 'b' ({WorldIdOf(own)})"));
    }

    [Test]
    public void The_world_id_survives_restarts_and_a_fresh_folder_gets_its_own()
    {
        var first = Save("b", SaveKind.Auto, new SettableClock(Noon));
        var second = Save("b", SaveKind.Manual, new SettableClock(Noon.AddMinutes(1)));
        var elsewhere = Save("c", SaveKind.Auto, new SettableClock(Noon));

        Assert.That(WorldIdOf(second), Is.EqualTo(WorldIdOf(first)).And.Not.EqualTo(Guid.Empty));
        Assert.That(WorldIdOf(elsewhere), Is.Not.EqualTo(WorldIdOf(first)).And.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public void Retention_never_deletes_an_autosave_of_another_world_nor_one_of_another_world_with_the_same_name()
    {
        var clock = new SettableClock(Noon);
        var options = new AutosaveOptions
        {
            WorldName = "b",
            Interval = TimeSpan.FromHours(1),
            Deltas = new DeltaPolicy { Enabled = false }, // full saves only: no chain keeps the first one
            Retention = new RetentionPolicy { KeepLatest = 1, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero },
        };
        Directory.CreateDirectory(FolderOf("b"));
        using var service = ServerRun(FolderOf("b"), options, clock);
        var ownFirst = SaveAMinuteLater(service, clock);

        // Older than anything of b's, so retention would be first to let them go if it took them for b's.
        var otherName = Save("a", SaveKind.Auto, new SettableClock(Noon.AddHours(-2)));
        var sameName = Save("elsewhere/b", SaveKind.Auto, new SettableClock(Noon.AddHours(-2).AddMinutes(1)), worldName: "b");
        var copies = new[] { otherName, sameName }.Select(r => Path.Combine(FolderOf("b"), Path.GetFileName(r.Location!))).ToList();
        File.Copy(otherName.Location!, copies[0]);
        File.Copy(sameName.Location!, copies[1]);
        SaveAMinuteLater(service, clock);
        var ownLast = SaveAMinuteLater(service, clock);

        Assert.That(copies.Select(File.Exists), Is.All.True, "another world's saves are left alone");
        Assert.That(File.Exists(ownFirst.Location), Is.False, "this world's older autosaves are still rotated");
        Assert.That(service.Identity.Id, Is.EqualTo(WorldIdOf(ownLast)));
    }

    private static Guid WorldIdOf(SaveResult result)
    {
        using var file = SavePaths.Open(result.Location!);
        return file.Header.WorldId;
    }

    private SaveResult Save(string folder, SaveKind kind, SettableClock clock, string? worldName = null)
    {
        var options = new AutosaveOptions { WorldName = worldName ?? folder, Interval = TimeSpan.FromHours(1) };
        using var service = ServerRun(FolderOf(folder), options, clock);
        return SaveAMinuteLater(service, clock, kind);
    }
}
