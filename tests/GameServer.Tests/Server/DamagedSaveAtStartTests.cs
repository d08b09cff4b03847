using GameServer.Demo;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>At start the server renames a damaged newest save aside, says so, and resumes the previous one.</summary>
[CancelAfter(120_000)]
public class DamagedSaveAtStartTests
{
    [Test]
    public async Task Start_renames_a_damaged_newest_save_to_corrupt_logs_it_and_loads_the_previous_save()
    {
        using var folder = new TempFolder();
        var options = new ServerOptions { SavesRoot = folder.Path, WorldName = "aside", Entities = 2000, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, AdminPort = 0 };
        var worldFolder = Path.Combine(folder.Path, "aside");
        await RunOnce(options, TextWriter.Null);
        var first = Directory.GetFiles(worldFolder, "*.gsav").Single();
        await Task.Delay(20); // the next save's name carries a later millisecond
        await RunOnce(options, TextWriter.Null);
        var newest = Directory.GetFiles(worldFolder, "*.gsav").Single(f => f != first);
        var bytes = File.ReadAllBytes(newest);
        bytes[SaveSurgery.DataIndexFromEnd(bytes, 1)] ^= 0x5a;
        File.WriteAllBytes(newest, bytes);

        var output = new StringWriter();
        await RunOnce(options, output);

        var log = output.ToString();
        Assert.That(log, Does.Contain($"renamed damaged save {newest} to {Path.GetFileName(newest)}.corrupt"));
        Assert.That(log, Does.Contain($"loaded {first}"));
        Assert.That(File.ReadAllBytes(newest + ".corrupt"), Is.EqualTo(bytes), "kept, byte for byte");
    }

    private static async Task RunOnce(ServerOptions options, TextWriter output)
    {
        using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(output)).Build();
        host.Start();
        host.RequestStop();
        Assert.That(await host.Completion, Is.Zero);
    }
}
