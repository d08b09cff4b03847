using GameServer.Persistence.Autosave;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence;

public class SaveRoundTripTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Save_then_load_equals_the_world_at_the_captured_tick_while_the_live_world_keeps_changing()
    {
        using var folder = new TempFolder();
        var pool = new SnapshotPool(2, trackLeaks: true);
        var world = TestWorlds.Populated(200_000);
        var inventory = world.GetBlobColumn("inventory");
        inventory.Set(5, [1, 2, 3, 4, 5]);
        using var service = SaveFixture.Service(new LocalFolderStore(folder.Path), pool);

        var pending = service.RequestSave(SaveKind.Manual, "roundtrip");
        world.AdvanceTick();
        service.OnBetweenTicks(world);
        using var expected = TestWorlds.FullCopy(world);

        // Keep ticking and changing everything while the writer encodes and writes.
        var x = world.GetColumn<float>("x");
        var ticksDuringWrite = 0;
        while (!pending.IsCompleted)
        {
            world.AdvanceTick();
            x.Write().Fill(world.Tick);
            world.GetBlobColumn("name").SetString(1, "changed " + world.Tick);
            world.Despawn(world.Ids[world.Count / 2]);
            world.Spawn();
            service.OnBetweenTicks(world);
            ticksDuringWrite++;
            await Task.Delay(1);
        }

        var result = await pending;
        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(result.Tick, Is.EqualTo(expected.Tick));
        Assert.That(ticksDuringWrite, Is.GreaterThan(0));
        Assert.That(result.Name, Does.StartWith("manual-roundtrip-").And.EndWith(".gsav"));

        using var loaded = SavePaths.Load(result.Location!);
        TestWorlds.AssertSameBytes(expected, loaded, "loaded save");

        var restored = new GameWorld(TestWorlds.Schema());
        restored.Restore(loaded);
        Assert.That(restored.Tick, Is.EqualTo(expected.Tick));
        Assert.That(restored.Ids.ToArray(), Is.EqualTo(expected.GetColumn("id").Values<long>().ToArray()));
        Assert.That(restored.GetBlobColumn("inventory").Get(5).ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5 }));
        Assert.That(restored.GetBlobColumn("name").GetString(0), Is.EqualTo("npc-0-é"));
        pool.AssertNoLeaks();
    }

    [TestCase("none")]
    [TestCase("zstd-1")]
    [TestCase("zstd-3+noshuffle")]
    public void Every_codec_round_trips(string codec)
    {
        using var folder = new TempFolder();
        var world = TestWorlds.Populated(30_000);
        var pool = new SnapshotPool(1);
        var options = new AutosaveOptions { WorldName = "codecs", Codec = SaveCodecOptions.Parse(codec) };
        using var service = SaveFixture.Service(new LocalFolderStore(folder.Path), pool, options: options);
        var result = service.SaveAndWait(world, SaveKind.Manual, null, SaveFixture.Timeout);
        Assert.That(result.Succeeded, Is.True, result.Error);

        using var expected = TestWorlds.FullCopy(world);
        using var loaded = SavePaths.Load(result.Location!);
        TestWorlds.AssertSameBytes(expected, loaded, codec);
        using var file = SavePaths.Open(result.Location!);
        Assert.That(file.Header.Codec, Is.EqualTo(SaveCodecOptions.Parse(codec).Describe()));
    }

    [Test]
    public void Default_codec_stores_far_fewer_bytes_than_raw()
    {
        using var folder = new TempFolder();
        var world = TestWorlds.Populated(100_000);
        var path = SaveFixture.Write(folder.Path, world);
        using var file = SavePaths.Open(path);
        Assert.That(file.FileLength, Is.LessThan(file.Header.RawBytes * 0.8));
    }

    [Test]
    public void Empty_world_round_trips()
    {
        using var folder = new TempFolder();
        var world = new GameWorld(TestWorlds.Schema());
        var path = SaveFixture.Write(folder.Path, world);
        using var loaded = SavePaths.Load(path);
        Assert.That(loaded.Count, Is.Zero);
        var restored = new GameWorld(TestWorlds.Schema());
        restored.Restore(loaded);
        Assert.That(restored.Count, Is.Zero);
    }

    [Test]
    public void Load_maps_columns_by_name_when_the_schema_changed()
    {
        using var folder = new TempFolder();
        var oldWorld = new GameWorld(new GameServer.World.Schema.WorldSchemaBuilder().Add<float>("x").Add<int>("retired").Build());
        for (var i = 0; i < 10; i++) oldWorld.Spawn();
        oldWorld.GetColumn<float>("x").Write().Fill(3f);
        var path = SaveFixture.Write(folder.Path, oldWorld);

        using var loaded = SavePaths.Load(path);
        var world = new GameWorld(TestWorlds.Schema());
        var report = world.Restore(loaded);
        Assert.That(report.IgnoredColumns, Is.EqualTo(new[] { "retired" }));
        Assert.That(report.DefaultedColumns, Does.Contain("hp"));
        Assert.That(world.GetColumn<int>("hp").Read().ToArray(), Is.All.EqualTo(100));
        Assert.That(world.GetColumn<float>("x").Read().ToArray(), Is.All.EqualTo(3f));
    }

    [Test]
    public void Load_reports_a_changed_column_type_as_a_clear_error()
    {
        using var folder = new TempFolder();
        var oldWorld = new GameWorld(new GameServer.World.Schema.WorldSchemaBuilder().Add<double>("hp").Build());
        oldWorld.Spawn();
        var path = SaveFixture.Write(folder.Path, oldWorld);
        using var loaded = SavePaths.Load(path);
        var error = Assert.Throws<GameServer.World.SchemaMismatchException>(() => new GameWorld(TestWorlds.Schema()).Restore(loaded));
        Assert.That(error!.Message, Does.Contain("hp").And.Contain("f64").And.Contain("i32"));
    }
}
