using System.Text.RegularExpressions;
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
        bytes[SaveSurgery.DataIndexFromEnd(bytes, 1)] ^= 0x33;
        File.WriteAllBytes(temp.File(names[1]), bytes);

        var result = Inspect.Run("verify", temp.File(names[2]));
        Assert.That(result.Exit, Is.Not.Zero);
        Assert.That(result.ToString(), Does.Contain($"chain is broken at {names[1]}"));
        foreach (var w in worlds) w.Dispose();
    }
    [Test]
    [CancelAfter(60_000)]
    public void List_shows_each_delta_indented_with_its_chain_index_and_base()
    {
        using var temp = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(temp.Path, saves: 3);

        var result = Inspect.Run("list", temp.Path);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"\bchain\s+base\b"), result.Out);
        var rows = names.Select(n => lines.Single(l => Regex.IsMatch(l, $@"^\S+\s+{Regex.Escape(n)}\s"))).ToList();
        Assert.That(rows[0], Does.Match($@"{names[0]}\s+auto\s+full\s+-\s"));
        Assert.That(rows[1], Does.Match($@"{names[1]}\s+auto\s+delta 1\s+{names[0]}\s"));
        Assert.That(rows[2], Does.Match($@"{names[2]}\s+auto\s+delta 2\s+{names[1]}\s"));
        Assert.That(rows.Select((row, k) => row.IndexOf(names[k], StringComparison.Ordinal)), Is.EqualTo(new[] { rows[0].IndexOf(names[0], StringComparison.Ordinal) }.Concat(Enumerable.Repeat(rows[0].IndexOf(names[0], StringComparison.Ordinal) + 2, 2))), "deltas are indented under the full save's name");
        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    [CancelAfter(60_000)]
    public void List_json_gives_chain_index_base_and_the_full_save_of_each_chain()
    {
        using var temp = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(temp.Path, saves: 3);
        string Id(string name)
        {
            using var file = SavePaths.Open(temp.File(name));
            return file.Header.SaveId.ToString("D");
        }

        var saves = Inspect.Run("list", temp.Path, "--json").Json().GetProperty("saves").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!);

        Assert.That(saves[names[0]].GetProperty("chainIndex").GetInt32(), Is.Zero);
        Assert.That(saves[names[0]].GetProperty("baseSave").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(saves[names[0]].GetProperty("chainFull").GetString(), Is.EqualTo(names[0]));
        for (var k = 1; k < 3; k++)
        {
            var delta = saves[names[k]];
            Assert.That(delta.GetProperty("chainIndex").GetInt32(), Is.EqualTo(k));
            Assert.That(delta.GetProperty("baseSave").GetString(), Is.EqualTo(names[k - 1]));
            Assert.That(delta.GetProperty("baseSaveId").GetString(), Is.EqualTo(Id(names[k - 1])));
            Assert.That(delta.GetProperty("baseProblem").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(delta.GetProperty("chainFull").GetString(), Is.EqualTo(names[0]));
        }

        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    [CancelAfter(60_000)]
    public void List_flags_a_delta_whose_base_is_missing_and_the_deltas_after_it_lose_their_chain()
    {
        using var temp = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(temp.Path, saves: 4);
        File.Delete(temp.File(names[1]));

        var text = Inspect.Run("list", temp.Path);
        var saves = Inspect.Run("list", temp.Path, "--json").Json().GetProperty("saves").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!);

        Assert.That(text.Exit, Is.Zero, text.ToString());
        Assert.That(text.Out, Does.Contain($"{names[1]} (missing)"));
        Assert.That(saves[names[2]].GetProperty("baseProblem").GetString(), Is.EqualTo("missing"));
        Assert.That(saves[names[2]].GetProperty("chainFull").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(saves[names[3]].GetProperty("baseProblem").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "its own base is there");
        Assert.That(saves[names[3]].GetProperty("chainFull").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "but its chain is broken further down");
        foreach (var w in worlds) w.Dispose();
    }
}
