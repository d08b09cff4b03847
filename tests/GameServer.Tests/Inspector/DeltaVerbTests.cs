using GameServer.Tests.Persistence.Delta;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Inspector;

/// <summary>The inspector on delta saves: info names the base, data verbs read the chain, compact writes the full save.</summary>
public class DeltaVerbTests
{
    [Test]
    [CancelAfter(60_000)]
    public void Info_shows_a_delta_and_its_base()
    {
        using var temp = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(temp.Path, saves: 2);
        var json = Inspect.Run("info", temp.File(names[1]), "--json").Json();
        Assert.That(json.GetProperty("chainIndex").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("baseSave").GetString(), Is.EqualTo(names[0]));
        var text = Inspect.Run("info", temp.File(names[0]));
        Assert.That(text.Out, Does.Match(@"(?m)^save\s+full\s*$"));
        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    [CancelAfter(60_000)]
    public void Compact_writes_the_full_save_a_delta_stands_for_and_dump_reads_the_delta_alike()
    {
        using var temp = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(temp.Path, saves: 3);
        var result = Inspect.Run("compact", temp.File(names[2]), "-o", temp.File("compacted.gsav"));
        Assert.That(result.Exit, Is.Zero, result.ToString());

        using (var file = SavePaths.Open(temp.File("compacted.gsav")))
        {
            Assert.That(file.Header.IsDelta, Is.False);
            using var snapshot = file.ReadSnapshot();
            TestWorlds.AssertSameBytes(worlds[2], snapshot, "compacted");
        }

        var fromDelta = Inspect.Run("dump", temp.File(names[2]), "--json");
        var fromFull = Inspect.Run("dump", temp.File("compacted.gsav"), "--json");
        Assert.That(fromDelta.Exit, Is.Zero, fromDelta.ToString());
        Assert.That(fromDelta.Json().GetProperty("rows").GetRawText(), Is.EqualTo(fromFull.Json().GetProperty("rows").GetRawText()));
        Assert.That(Inspect.Run("compact", temp.File(names[2]), "-o", temp.File("compacted.gsav")).Exit, Is.Not.Zero, "never overwrites");
        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    [CancelAfter(60_000)]
    public void Verify_fails_a_delta_whose_base_is_damaged_and_names_the_link()
    {
        using var temp = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(temp.Path, saves: 3);
        var bytes = File.ReadAllBytes(temp.File(names[1]));
        bytes[^25] ^= 0x33;
        File.WriteAllBytes(temp.File(names[1]), bytes);

        var result = Inspect.Run("verify", temp.File(names[2]));
        Assert.That(result.Exit, Is.Not.Zero);
        Assert.That(result.ToString(), Does.Contain($"chain is broken at {names[1]}"));
        foreach (var w in worlds) w.Dispose();
    }
}
