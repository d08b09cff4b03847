using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Inspector;

public class DumpVerbTests
{
    [Test]
    public void Dump_prints_the_selected_rows_and_columns_as_a_table()
    {
        using var folder = new TempFolder();
        var world = TestWorlds.Populated(100);
        var path = SaveFixture.Write(folder.Path, world);

        var result = Inspect.Run("dump", path, "--columns", "x,name,velocity", "--rows", "3..6");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^row\s+id\s+x\s+name\s+velocity$"));
        Assert.That(lines.Skip(1).Take(3).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[0].Trim()), Is.EqualTo(new[] { "3", "4", "5" }));
        var x = world.GetColumn<float>("x")[3].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var v = world.GetColumn<System.Numerics.Vector3>("velocity")[3];
        Assert.That(lines[1], Does.Contain(x).And.Contain("npc-3-é").And.Contain($"({v.X.ToString(System.Globalization.CultureInfo.InvariantCulture)}, "));
        Assert.That(lines[^1], Is.EqualTo("rows 3..6 of 100"));
    }

    [Test]
    public void Dump_of_one_entity_finds_it_by_id_and_shows_variable_length_bytes()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 100);

        var json = Inspect.Run("dump", path, "--entity", "2", "--json").Json();

        var row = json.GetProperty("rows").EnumerateArray().Single();
        Assert.That(row.GetProperty("id").GetInt64(), Is.EqualTo(2));
        Assert.That(row.GetProperty("row").GetInt32(), Is.EqualTo(1));
        Assert.That(row.GetProperty("inventory").GetBytesFromBase64(), Is.EqualTo(new byte[] { 1, 2, 3, 250 }));
        Assert.That(row.GetProperty("velocity").GetArrayLength(), Is.EqualTo(3));
        Assert.That(row.GetProperty("hp").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Number));
    }

    [Test]
    public void Dump_of_an_unknown_entity_exits_1()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 10);
        var result = Inspect.Run("dump", path, "--entity", "999");
        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Out, Does.Contain("no entity 999"));
    }

    [Test]
    public void Dump_of_a_grown_schema_save_shows_the_new_column_with_its_default()
    {
        using var folder = new TempFolder();
        var grown = SaveFixture.Write(folder.Path, Inspect.LoadGrown(Inspect.Save(folder.Path, 10)), label: "grown");

        var result = Inspect.Run("dump", grown, "--columns", "mana", "--rows", "..2");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Match(@"0\s+1\s+50\n").And.Match(@"1\s+2\s+50\n"));
    }

    [Test]
    public void Dump_of_an_unknown_column_is_a_usage_error_listing_the_columns()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 10);
        var result = Inspect.Run("dump", path, "--columns", "nope");
        Assert.That(result.Exit, Is.EqualTo(2));
        Assert.That(result.Err, Does.Contain("no column 'nope'").And.Contain("velocity"));
    }
}
