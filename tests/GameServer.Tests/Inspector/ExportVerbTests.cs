using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Inspector;

public class ExportVerbTests
{
    [Test]
    public void Export_csv_round_trips_every_value_across_many_blocks()
    {
        using var folder = new TempFolder();
        // 300k floats is more than one 1 MiB block per column, and the names' data spans blocks too.
        var world = Inspect.Large(300_000);
        world.GetBlobColumn("inventory").Set(7, [0, 255, 44]);
        world.GetBlobColumn("name").SetString(8, "comma, \"quote\"\nnewline");
        var path = SaveFixture.Write(folder.Path, world);
        var csv = folder.File("out.csv");
        var blocks = Inspect.Run("info", path, "--json").Json().GetProperty("columns").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("blocks").GetInt32());
        Assert.That(blocks["x"], Is.GreaterThan(1));
        Assert.That(blocks["name"], Is.GreaterThan(4), "offsets and data both span blocks");

        var result = Inspect.Run("export", path, "--format", "csv", "-o", csv);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("exported 300000 rows"));
        var records = ParseCsv(File.ReadAllText(csv));
        var header = records[0];
        Assert.That(header, Is.EqualTo(new[] { "id", "x", "y", "velocity.x", "velocity.y", "velocity.z", "hp", "kind", "owner", "score", "name", "inventory" }));
        Assert.That(records, Has.Count.EqualTo(world.Count + 1));
        var x = world.GetColumn<float>("x");
        var velocity = world.GetColumn<Vector3>("velocity");
        var hp = world.GetColumn<int>("hp");
        var names = world.GetBlobColumn("name");
        var inventory = world.GetBlobColumn("inventory");
        for (var row = 0; row < world.Count; row++)
        {
            var r = records[row + 1];
            if (long.Parse(r[0], CultureInfo.InvariantCulture) != world.Ids[row]
                || float.Parse(r[1], CultureInfo.InvariantCulture) != x[row]
                || float.Parse(r[4], CultureInfo.InvariantCulture) != velocity[row].Y
                || int.Parse(r[6], CultureInfo.InvariantCulture) != hp[row]
                || r[10] != names.GetString(row)
                || !Convert.FromBase64String(r[11]).AsSpan().SequenceEqual(inventory.Get(row)))
            {
                Assert.Fail($"row {row} differs: {string.Join(" | ", r)}");
            }
        }
    }

    [Test]
    public void Export_ndjson_to_stdout_writes_one_object_per_entity_with_selected_columns()
    {
        using var folder = new TempFolder();
        var world = TestWorlds.Populated(50);
        var path = SaveFixture.Write(folder.Path, world);

        var result = Inspect.Run("export", path, "--format", "ndjson", "--columns", "name,velocity");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(50));
        using var first = JsonDocument.Parse(lines[0]);
        Assert.That(first.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "name", "velocity" }));
        Assert.That(first.RootElement.GetProperty("name").GetString(), Is.EqualTo("npc-0-é"));
        Assert.That(first.RootElement.GetProperty("velocity")[0].GetSingle(), Is.EqualTo(world.GetColumn<Vector3>("velocity")[0].X));
    }

    [Test]
    public void Export_json_is_one_document_with_columns_and_rows()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 20);
        var output = folder.File("out.json");

        var result = Inspect.Run("export", path, "--format", "json", "-o", output, "--rows", "5..10", "--json");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Json().GetProperty("rows").GetInt32(), Is.EqualTo(5));
        using var document = JsonDocument.Parse(File.ReadAllText(output, Encoding.UTF8));
        var rows = document.RootElement.GetProperty("rows");
        Assert.That(rows.GetArrayLength(), Is.EqualTo(5));
        Assert.That(rows[0].GetProperty("id").GetInt64(), Is.EqualTo(6));
        Assert.That(document.RootElement.GetProperty("columns").GetArrayLength(), Is.EqualTo(10));
    }

    [Test]
    public void Export_without_a_format_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 5);
        var result = Inspect.Run("export", path);
        Assert.That(result.Exit, Is.EqualTo(2));
        Assert.That(result.Err, Does.Contain("--format"));
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else field.Append(c);
        }

        return records;
    }
}
