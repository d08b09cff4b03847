using GameServer.Persistence.Storage;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Inspector;

public class DiffVerbTests
{
    private static readonly long[] s_despawned = [10, 20];
    private static readonly long[] s_moved = [1, 2, 3, 500, 1000];

    /// <summary>Two autosaves of a world between which 2 entities despawned, 3 spawned and 5 moved in x.</summary>
    private static (string Before, string After) KnownChange(TempFolder folder)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var world = TestWorlds.Populated(1000);
        var before = SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);
        time.Advance(TimeSpan.FromMinutes(1));
        world.AdvanceTick();
        foreach (var id in s_despawned) world.Despawn(id);
        for (var i = 0; i < 3; i++) world.Spawn();
        var x = world.GetColumn<float>("x");
        foreach (var id in s_moved)
        {
            world.TryGetRow(id, out var row);
            x.Set(row, x[row] + 1.5f);
        }

        return (before, SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time));
    }

    [Test]
    public void Diff_reports_exactly_the_despawned_spawned_and_moved_entities()
    {
        using var folder = new TempFolder();
        var (before, after) = KnownChange(folder);

        var json = Inspect.Run("diff", before, after, "--json").Json();

        Assert.That(json.GetProperty("added").GetInt32(), Is.EqualTo(3));
        Assert.That(json.GetProperty("removed").GetInt32(), Is.EqualTo(2));
        Assert.That(json.GetProperty("changed").GetInt32(), Is.EqualTo(5));
        Assert.That(json.GetProperty("unchanged").GetInt32(), Is.EqualTo(1000 - 2 - 5));
        Assert.That(json.GetProperty("addedIds").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new long[] { 1001, 1002, 1003 }));
        Assert.That(json.GetProperty("removedIds").EnumerateArray().Select(e => e.GetInt64()), Is.EquivalentTo(s_despawned));
        var columns = json.GetProperty("columns").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.That(columns["x"], Is.EqualTo(5));
        Assert.That(columns.Where(c => c.Key != "x").Select(c => c.Value), Is.All.Zero);
        var samples = json.GetProperty("samples").EnumerateArray().ToList();
        Assert.That(samples.Select(s => s.GetProperty("id").GetInt64()), Is.EquivalentTo(s_moved));
        Assert.That(samples.All(s => s.GetProperty("changes").EnumerateObject().Single().Name == "x"));
    }

    [Test]
    public void Diff_lists_added_and_removed_ids_in_ascending_order_whatever_the_row_order()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var world = TestWorlds.Populated(20);
        world.Despawn(2); // the last row (id 20) moves into row 1: rows are no longer in id order
        var before = SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);
        time.Advance(TimeSpan.FromMinutes(1));
        world.AdvanceTick();
        var (first, second) = (world.Spawn(), world.Spawn());
        foreach (var id in new long[] { 20, 3, 4 }) world.Despawn(id); // each moves a later row, the new ones first, forward
        var after = SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);

        var json = Inspect.Run("diff", before, after, "--json").Json();
        var text = Inspect.Run("diff", before, after);

        Assert.That(json.GetProperty("addedIds").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new[] { first, second }));
        Assert.That(json.GetProperty("removedIds").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new long[] { 3, 4, 20 }));
        Assert.That(text.Out, Does.Contain($"added ids: {first}, {second}\n").And.Contain("removed ids: 3, 4, 20\n"));
    }

    [Test]
    public void Diff_text_shows_counts_then_the_first_changed_entities_with_old_and_new_values()
    {
        using var folder = new TempFolder();
        var (before, after) = KnownChange(folder);

        var result = Inspect.Run("diff", before, after, "--limit", "2");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("entities: 3 added, 2 removed, 5 changed, 993 unchanged"));
        Assert.That(result.Out, Does.Contain("added ids: 1001, 1002, ... (1 more)"));
        Assert.That(result.Out, Does.Match(@"\nx\s+5\n"));
        Assert.That(result.Out, Does.Contain("first 2 changed entities:"));
        Assert.That(result.Out, Does.Match(@"\n\s*1\s+x\s+\S+\s+\S+\n"));
    }

    [Test]
    public void Diff_across_a_schema_change_lists_the_new_column_and_compares_the_rest()
    {
        using var folder = new TempFolder();
        var old = Inspect.Save(folder.Path, 200);
        var grown = SaveFixture.Write(folder.Path, Inspect.LoadGrown(old), label: "grown");

        var json = Inspect.Run("diff", old, grown, "--json").Json();

        Assert.That(json.GetProperty("columnsOnlyInB").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "mana" }));
        Assert.That(json.GetProperty("added").GetInt32() + json.GetProperty("removed").GetInt32() + json.GetProperty("changed").GetInt32(), Is.Zero);
        Assert.That(json.GetProperty("unchanged").GetInt32(), Is.EqualTo(200));
    }
}
