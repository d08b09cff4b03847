using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Inspector;

public class InfoAndListTests
{
    [Test]
    public void Info_prints_header_and_every_column_with_type_and_sizes()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 500);

        var result = Inspect.Run("info", path);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain($"v{SaveFormat.CurrentVersion}").And.Contain("test").And.Contain("zstd-1+shuffle").And.Contain("500"));
        Assert.That(result.Out, Does.Match(@"velocity\s+vec3").And.Match(@"name\s+utf8").And.Match(@"inventory\s+bytes").And.Match(@"hp\s+i32"));
    }

    [Test]
    public void Info_json_has_the_header_and_per_column_raw_and_stored_bytes()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 500);

        var json = Inspect.Run("info", path, "--json").Json();

        Assert.That(json.GetProperty("formatVersion").GetInt32(), Is.EqualTo(SaveFormat.CurrentVersion));
        Assert.That(json.GetProperty("world").GetString(), Is.EqualTo("test"));
        Assert.That(json.GetProperty("entities").GetInt32(), Is.EqualTo(500));
        var x = json.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "x");
        Assert.That(x.GetProperty("type").GetString(), Is.EqualTo("f32"));
        Assert.That(x.GetProperty("rawBytes").GetInt64(), Is.EqualTo(500 * 4));
        Assert.That(x.GetProperty("storedBytes").GetInt64(), Is.Positive);
    }

    [Test]
    public void Info_and_list_show_the_save_id_in_text_and_json()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 50);
        using var file = SavePaths.Open(path);
        var id = file.Header.SaveId.ToString("D");

        var text = Inspect.Run("info", path);
        Assert.That(text.Out, Does.Match($@"(?m)^id\s+{id}\s*$"), text.ToString());
        Assert.That(Inspect.Run("info", path, "--json").Json().GetProperty("saveId").GetString(), Is.EqualTo(id));
        var listed = Inspect.Run("list", folder.Path, "--json").Json().GetProperty("saves").EnumerateArray().Single();
        Assert.That(listed.GetProperty("saveId").GetString(), Is.EqualTo(id));
    }

    [Test]
    public void Info_shows_a_column_the_schema_gained()
    {
        using var folder = new TempFolder();
        var old = Inspect.Save(folder.Path, 100);
        var grown = SaveFixture.Write(folder.Path, Inspect.LoadGrown(old), label: "grown");

        var result = Inspect.Run("info", grown);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Match(@"mana\s+i32\s+400"));
    }

    [Test]
    public void List_shows_every_save_with_kind_tick_entities_ratio_and_a_damaged_header()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var world = TestWorlds.Populated(300);
        SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);
        time.Advance(TimeSpan.FromMinutes(1));
        world.AdvanceTick();
        SaveFixture.Write(folder.Path, world, SaveKind.Manual, "before-raid", time: time);
        File.WriteAllText(folder.File("auto-20261125T130000000Z-t0000000009.gsav"), "not a save, only named like one, and long enough to have a header");

        var result = Inspect.Run("list", folder.Path);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4), result.Out);
        Assert.That(lines[0], Does.Contain("name").And.Contain("kind").And.Contain("ratio").And.Contain("header"));
        Assert.That(lines[1], Does.Contain("t0000000009").And.Contain("BAD").And.Contain("magic"));
        Assert.That(lines[2], Does.Contain("manual-before-raid").And.Contain("manual").And.Contain("300").And.EndWith("ok"));
        Assert.That(lines[3], Does.Contain("auto-").And.Contain("2026-11-25T12:00:00.000Z").And.EndWith("ok"));
    }

    [Test]
    public void List_of_a_saves_folder_covers_every_world_and_json_parses()
    {
        using var root = new TempFolder();
        SaveFixture.Write(Path.Combine(root.Path, "alpha"), TestWorlds.Populated(10));
        SaveFixture.Write(Path.Combine(root.Path, "beta"), TestWorlds.Populated(20));
        Directory.CreateDirectory(Path.Combine(root.Path, "empty"));

        var json = Inspect.Run("list", root.Path, "--json").Json();

        var saves = json.GetProperty("saves").EnumerateArray().ToList();
        Assert.That(saves.Select(s => s.GetProperty("world").GetString()), Is.EqualTo(new[] { "alpha", "beta" }));
        Assert.That(saves.Select(s => s.GetProperty("entities").GetInt32()), Is.EqualTo(new[] { 10, 20 }));
        Assert.That(saves.All(s => s.GetProperty("headerOk").GetBoolean() && s.GetProperty("kind").GetString() == "manual"));
    }

    [Test]
    public void Info_and_list_give_sizes_in_the_same_decimal_units_as_the_server()
    {
        using var folder = new TempFolder();
        var path = Inspect.Save(folder.Path, 5000);
        var size = ByteSize.Format(new FileInfo(path).Length);

        var info = Inspect.Run("info", path);
        var list = Inspect.Run("list", folder.Path);

        Assert.That(size, Does.EndWith(" kB"), "a save of this size is shown in kB");
        Assert.That(info.Out, Does.Contain($"{size} on disk"));
        Assert.That(list.Out, Does.Contain(size));
        Assert.That(info.Out + list.Out, Does.Not.Contain("KiB").And.Not.Contain("MiB"));
    }

    [Test]
    public void Json_timestamps_are_iso_8601_utc_with_exactly_three_fractional_digits()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 23, 29, TimeSpan.Zero).AddTicks(1_745_678));
        var path = Inspect.Save(folder.Path, 10, time);

        var stamps = new[]
        {
            Inspect.Run("list", folder.Path, "--json").Json().GetProperty("saves")[0].GetProperty("capturedAtUtc").GetString(),
            Inspect.Run("info", path, "--json").Json().GetProperty("capturedAtUtc").GetString(),
            Inspect.Run("export", path, "--format", "json").Json().GetProperty("capturedAtUtc").GetString(),
        };

        Assert.That(stamps, Is.All.EqualTo("2026-11-25T09:23:29.174Z"));
    }

    [Test]
    public void List_of_a_missing_folder_exits_1_naming_it()
    {
        var result = Inspect.Run("list", "/nonexistent/saves");
        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Err, Does.Contain("/nonexistent/saves").And.Contain("no such folder"));
    }
}
