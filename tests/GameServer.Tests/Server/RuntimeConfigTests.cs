using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>The benchmark runs under the very GC and JIT settings the server ships with (server/Runtime.props).</summary>
public class RuntimeConfigTests
{
    [Test]
    public void Gameserver_and_gamebench_ship_the_same_gc_and_pgo_settings()
    {
        var server = GcAndJitSettings("gameserver.dll");
        var bench = GcAndJitSettings("gamebench.dll");

        Assert.That(bench, Is.EquivalentTo(server), "gamebench must measure the runtime gameserver ships with");
        Assert.That(server, Does.ContainKey("System.GC.Server").WithValue("false"), "workstation GC: one core for the game, one for autosave");
        Assert.That(server, Does.ContainKey("System.GC.Concurrent").WithValue("false"), "no background GC thread competing with the autosave thread");
        Assert.That(server, Does.ContainKey("System.Runtime.TieredPGO").WithValue("true"));
    }

    /// <summary>The GC and tiered-compilation properties of an executable's built runtimeconfig.json.</summary>
    private static Dictionary<string, string> GcAndJitSettings(string dllName)
    {
        var path = Path.ChangeExtension(ChildProcess.LocateDll(dllName), ".runtimeconfig.json");
        Assert.That(File.Exists(path), Is.True, $"{path} is built with the tests");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").EnumerateObject())
        {
            if (property.Name.StartsWith("System.GC.", StringComparison.Ordinal) || property.Name.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
                settings[property.Name] = property.Value.GetRawText();
        }

        return settings;
    }
}
