using GameServer.Demo;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Saves;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>A server never loads another world's save copied into its folder.</summary>
[CancelAfter(60_000)]
public class ForeignSaveHostTests
{
    [Test]
    public async Task A_server_loads_its_own_newest_save_and_logs_why_it_skipped_another_worlds_save_copied_in_as_the_newest()
    {
        using var root = new TempFolder();
        await RunOnce(root.Path, "a", seed: 1);
        await RunOnce(root.Path, "a", seed: 1);
        var a = await RunOnce(root.Path, "a", seed: 1);
        var b = await RunOnce(root.Path, "b", seed: 2);
        // The copy looks newest by every measure: its sequence (a's third save) and the time in its name.
        var copied = Path.Combine(root.Path, "b", SaveNames.Auto(DateTime.UtcNow.AddDays(1), 999_999));
        File.Copy(a, copied);
        Assert.That(SavePaths.List(Path.Combine(root.Path, "b"))[0].Location, Is.EqualTo(copied), "precondition: the copy is the folder's newest save");

        var output = new StringWriter();
        using var host = Build(root.Path, "b", seed: 3, output);
        host.Start();
        host.RequestStop();
        Assert.That(await host.Completion, Is.Zero);

        var log = output.ToString();
        using var savedA = SavePaths.Open(a);
        var idA = savedA.Header.WorldId;
        Assert.That(log, Does.Contain($"skipped save {copied}: it belongs to world 'a' ({idA}), not to this world 'b' ("));
        Assert.That(log, Does.Contain($"loaded {b}:"));
        Assert.That(File.Exists(copied), Is.True, "the other world's save is left where it was");
    }

    [Test]
    public async Task Load_refuses_a_save_of_another_world_with_the_same_name_and_says_whose_it_is()
    {
        using var root = new TempFolder();
        var own = await RunOnce(root.Path, "b", seed: 2);
        var other = await RunOnce(Path.Combine(root.Path, "elsewhere"), "b", seed: 3);
        var copied = Path.Combine(root.Path, "b", SaveNames.Manual("copied", DateTime.UtcNow, 1));
        File.Copy(other, copied);
        using var ownFile = SavePaths.Open(own);
        using var otherFile = SavePaths.Open(other);
        var saves = new WorldSaves(new LocalFolderStore(Path.Combine(root.Path, "b")), new WorldIdentity("b", ownFile.Header.WorldId));

        var lookup = await saves.FindAsync("copied");

        Assert.That(lookup.Entry, Is.Null);
        Assert.That(lookup.Problem, Does.Contain($"another world named 'b' (world id {otherFile.Header.WorldId}); this world's id is {ownFile.Header.WorldId}"));
        Assert.That((await saves.FindAsync(Path.GetFileName(own))).Entry, Is.Not.Null, "its own saves are found");
    }

    /// <summary>Starts and stops a server on <paramref name="world"/>; returns the path of its final save.</summary>
    private static async Task<string> RunOnce(string root, string world, int seed)
    {
        using var host = Build(root, world, seed, TextWriter.Null);
        host.Start();
        host.RequestStop();
        Assert.That(await host.Completion, Is.Zero);
        return SavePaths.List(Path.Combine(root, world))[0].Location;
    }

    private static GameHost Build(string root, string world, int seed, TextWriter log)
    {
        var options = new ServerOptions { SavesRoot = root, WorldName = world, Entities = 2000, Seed = seed, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, AdminPort = 0 };
        return new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(log)).Build();
    }
}
