using GameServer.World;
using GameServer.World.Schema;

namespace GameServer.Tests.World;

public class WorldTests
{
    [Test]
    public void Spawn_assigns_increasing_ids_and_default_values()
    {
        var world = new GameWorld(TestWorlds.Schema());
        var a = world.Spawn();
        var b = world.Spawn();
        Assert.That(b, Is.GreaterThan(a));
        Assert.That(world.TryGetRow(b, out var row), Is.True);
        Assert.That(world.GetColumn<int>("hp")[row], Is.EqualTo(100), "declared default");
        Assert.That(world.GetColumn<float>("x")[row], Is.Zero);
        Assert.That(world.GetBlobColumn("name").Get(row).Length, Is.Zero);
    }

    [Test]
    public void Despawn_moves_last_row_into_hole_and_keeps_ids_stable()
    {
        var world = new GameWorld(TestWorlds.Schema());
        var ids = Enumerable.Range(0, 5).Select(_ => world.Spawn()).ToArray();
        var x = world.GetColumn<float>("x");
        var names = world.GetBlobColumn("name");
        foreach (var id in ids)
        {
            world.TryGetRow(id, out var r);
            x[r] = id * 10;
            names.SetString(r, "entity-" + id);
        }

        Assert.That(world.Despawn(ids[1]), Is.True);
        Assert.That(world.Despawn(ids[1]), Is.False, "second despawn of the same id");
        Assert.That(world.Count, Is.EqualTo(4));
        foreach (var id in ids.Where(i => i != ids[1]))
        {
            Assert.That(world.TryGetRow(id, out var r), Is.True);
            Assert.That(x[r], Is.EqualTo(id * 10f));
            Assert.That(names.GetString(r), Is.EqualTo("entity-" + id));
            Assert.That(world.Ids[r], Is.EqualTo(id));
        }

        Assert.That(world.Contains(ids[1]), Is.False);
        Assert.That(world.Spawn(), Is.GreaterThan(ids[^1]), "ids are never reused");
    }

    [Test]
    public void Blob_column_keeps_other_rows_intact_when_a_value_grows_and_shrinks()
    {
        var world = new GameWorld(TestWorlds.Schema());
        for (var i = 0; i < 4; i++) world.Spawn();
        var names = world.GetBlobColumn("name");
        names.SetString(0, "a");
        names.SetString(1, "bb");
        names.SetString(2, "ccc");
        names.SetString(1, "a much longer name");
        names.SetString(0, "");
        Assert.That(Enumerable.Range(0, 4).Select(names.GetString), Is.EqualTo(new[] { "", "a much longer name", "ccc", "" }));
        Assert.That(names.DataLength, Is.EqualTo("a much longer name".Length + 3));
    }

    [Test]
    public void Typed_access_with_the_wrong_type_is_a_clear_error()
    {
        var world = new GameWorld(TestWorlds.Schema());
        var error = Assert.Throws<InvalidOperationException>(() => world.GetColumn<int>("x"));
        Assert.That(error!.Message, Does.Contain("x"));
        Assert.Throws<KeyNotFoundException>(() => world.GetColumn<int>("missing"));
    }

    [Test]
    public void Writes_outside_live_rows_are_rejected()
    {
        var world = new GameWorld(TestWorlds.Schema());
        world.Spawn();
        Assert.Throws<ArgumentOutOfRangeException>(() => world.GetColumn<float>("x").Set(1, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => world.GetColumn<float>("x").Write(0, 2));
    }

    [Test]
    public void Restore_maps_columns_by_name_defaulting_missing_and_reporting_unknown()
    {
        var oldSchema = new WorldSchemaBuilder().Add<float>("x").Add<int>("legacy").Build();
        var old = new GameWorld(oldSchema);
        for (var i = 0; i < 3; i++) old.Spawn();
        old.GetColumn<float>("x").Write().Fill(7f);
        using var snapshot = TestWorlds.FullCopy(old);

        var world = new GameWorld(TestWorlds.Schema());
        var report = world.Restore(snapshot);

        Assert.That(report.DefaultedColumns, Does.Contain("hp").And.Contain("name"));
        Assert.That(report.IgnoredColumns, Is.EqualTo(new[] { "legacy" }));
        Assert.That(world.Count, Is.EqualTo(3));
        Assert.That(world.GetColumn<float>("x").Read().ToArray(), Is.All.EqualTo(7f));
        Assert.That(world.GetColumn<int>("hp").Read().ToArray(), Is.All.EqualTo(100));
        Assert.That(world.Spawn(), Is.EqualTo(4), "next id continues after restored ids");
    }

    [Test]
    public void Restore_rejects_a_column_whose_type_changed()
    {
        var old = new GameWorld(new WorldSchemaBuilder().Add<int>("x").Build());
        old.Spawn();
        using var snapshot = TestWorlds.FullCopy(old);
        var world = new GameWorld(TestWorlds.Schema());
        var error = Assert.Throws<SchemaMismatchException>(() => world.Restore(snapshot));
        Assert.That(error!.Column, Is.EqualTo("x"));
        Assert.That(world.Count, Is.Zero, "the world is untouched");
    }
}
