using System.Security.Cryptography;
using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>
/// Promise 7, startup recovery: a real <c>gameserver</c> over a folder an unlucky or hostile operator left behind
/// (stale temps, a zero-length newest save, a corrupt one, junk, a folder and a symlink named like saves).
/// </summary>
[CancelAfter(120_000)]
public class StartupRecoveryProcessTests
{
    private TempFolder _saves = null!;
    private TempFolder _outside = null!;

    [SetUp]
    public void SetUp()
    {
        _saves = new TempFolder();
        _outside = new TempFolder();
    }

    [TearDown]
    public void TearDown()
    {
        _saves.Dispose();
        _outside.Dispose();
    }

    private string World => Path.Combine(_saves.Path, "w");

    private string[] Args => ["--saves", _saves.Path, "--world", "w", "--entities", "3000", "--tick-rate", "30", "--port", "0", "--admin-port", "0"];

    [Test]
    public void A_server_over_a_damaged_folder_removes_temps_loads_the_newest_valid_save_deletes_nothing_valid_and_says_why_it_skipped_each_entry()
    {
        WriteSomeSaves();
        var valid = SavePaths.List(World);
        Assert.That(valid, Has.Count.GreaterThanOrEqualTo(3).And.All.Matches<GameServer.Persistence.Reading.SaveEntry>(e => e.HeaderOk));
        var later = DateTime.UtcNow.AddDays(1);

        // The newest save moves out of the root; a symlink under its name points at it: following it would load it.
        var target = Path.Combine(_outside.Path, valid[0].FileName);
        File.Move(valid[0].Location, target);
        var symlink = valid[0].Location;
        File.CreateSymbolicLink(symlink, target);
        var targetHash = SHA256.HashData(File.ReadAllBytes(target));
        var expected = valid[1];

        var zeroLength = Path.Combine(World, SaveNames.Auto(later.AddMinutes(4), 900_004));
        File.WriteAllBytes(zeroLength, []);
        var corrupt = Path.Combine(World, SaveNames.Auto(later.AddMinutes(3), 900_003));
        var bytes = File.ReadAllBytes(expected.Location);
        bytes[SaveSurgery.DataIndexFromEnd(bytes, 10)] ^= 0x5A; // a data block: header intact, its checksum fails
        File.WriteAllBytes(corrupt, bytes);
        var junk = Path.Combine(World, SaveNames.Manual("junk", later.AddMinutes(2), 900_002));
        File.WriteAllText(junk, "not a save, only named like one, and long enough to have a header");
        var folder = Path.Combine(World, SaveNames.Auto(later.AddMinutes(1), 900_001));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "inside.txt"), "kept");
        var notes = Path.Combine(World, "notes.txt");
        File.WriteAllText(notes, "an admin's notes");
        var temps = new[] { SaveNames.Temp(valid[1].FileName), SaveNames.Temp(valid[2].FileName) }
            .Select(name => Path.Combine(World, name)).ToList();
        File.WriteAllText(temps[0], "half a save");
        File.WriteAllBytes(temps[1], []);
        var validBefore = valid.Skip(1).Select(e => e.Location).ToList();

        using var server = ChildProcess.StartDll("gameserver.dll", [.. Args, "--autosave-interval", "600"]);
        var loaded = server.WaitForLine(" loaded ");
        server.WaitForLine("server running");
        Assert.That(loaded, Does.Contain($"loaded {expected.Location}:"), "the newest valid regular save is loaded");
        Assert.That(temps.Where(File.Exists), Is.Empty, "stale temps are removed");
        Assert.That(validBefore.Where(p => !File.Exists(p)), Is.Empty, "recovery deleted nothing valid");

        // Retention with the tightest setting, over a folder whose newest files are all damaged.
        server.Send("autosave keep 1");
        server.Send("autosave interval 0.3");
        server.WaitForLine("INFO  saved auto-", TimeSpan.FromSeconds(30));
        server.WaitForLine("INFO  saved auto-", TimeSpan.FromSeconds(30));
        server.Send("stop");
        var final = server.WaitForLine("final save ");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);

        var errors = server.Errors;
        Assert.That(errors, Does.Contain($"skipped save {symlink}: not a save: a symbolic link"));
        Assert.That(errors, Does.Contain($"skipped save {folder}: not a save: a folder"));
        Assert.That(errors, Does.Contain($"skipped save {zeroLength}: "));
        Assert.That(errors, Does.Contain($"skipped save {corrupt}: ").And.Contain("checksum"));
        Assert.That(errors, Does.Contain($"skipped save {junk}: "));
        foreach (var temp in temps) Assert.That(errors, Does.Contain($"removed stale temp file {Path.GetFileName(temp)}"));

        Assert.That(new[] { zeroLength, corrupt, junk }.Where(p => !File.Exists(p + ".corrupt")), Is.Empty, "damaged saves are set aside as *.corrupt for the admin, never deleted");
        Assert.That(new[] { notes, symlink }.Where(p => !File.Exists(p) && !IsSymlink(p)), Is.Empty, "odd entries are left for the admin");
        Assert.That(File.Exists(Path.Combine(folder, "inside.txt")), Is.True);
        Assert.That(SHA256.HashData(File.ReadAllBytes(target)), Is.EqualTo(targetHash), "the symlink's target outside the root is untouched");
        var last = SavePaths.LoadLatest(World);
        using var snapshot = last.Snapshot;
        Assert.That(snapshot, Is.Not.Null, "a verified save survives retention");
        Assert.That(final, Does.Contain(last.Entry!.FileName), "the final save is the newest by sequence, ahead of the damaged files' later names");
    }

    [Test]
    public void A_server_whose_newest_save_forges_a_huge_entity_count_refuses_it_at_its_header_and_loads_the_previous_save()
    {
        WriteSomeSaves();
        var valid = SavePaths.List(World);
        var newest = valid[0];
        var forged = Path.Combine(World, SaveNames.Auto(DateTime.UtcNow.AddDays(1), 900_000));
        File.WriteAllBytes(forged, ForgedEntityCount.Forge(File.ReadAllBytes(newest.Location), 50_000_000));

        using var server = ChildProcess.StartDll("gameserver.dll", [.. Args, "--autosave-interval", "600"]);
        var loaded = server.WaitForLine(" loaded ");
        server.WaitForLine("server running");
        Assert.That(loaded, Does.Contain($"loaded {newest.Location}:"), "the previous good save is loaded");
        server.Send("stop");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);

        var refusal = server.Errors.Split('\n').Single(l => l.Contains($"skipped save {forged}: ", StringComparison.Ordinal));
        Assert.That(refusal, Does.Contain($"more than {SaveFormat.MaxDecodeRatio}x").And.Contain("50000000 entities"), "one line naming the file and why");
        Assert.That(File.Exists(forged + ".corrupt"), Is.True, "set aside, never deleted");
    }

    private static bool IsSymlink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>A first run that leaves a few autosaves and a final save.</summary>
    private void WriteSomeSaves()
    {
        using var server = ChildProcess.StartDll("gameserver.dll", [.. Args, "--autosave-interval", "0.3", "--keep", "50"]);
        server.WaitForLine("server running");
        for (var i = 0; i < 3; i++) server.WaitForLine("INFO  saved auto-", TimeSpan.FromSeconds(30));
        server.Send("stop");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero, server.Errors);
    }
}
