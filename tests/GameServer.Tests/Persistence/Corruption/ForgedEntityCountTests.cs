using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Tests.Persistence.Delta;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// A header's entity count sizes every fixed-size buffer, up to 200 million rows: a small file that forged it made the
/// reader allocate gigabytes before the first block failed. What a save may make the reader allocate is now bounded by
/// the file (<see cref="SaveFormat.MaxDecodeRatio"/>; a delta's added rows by the ids it stores), checked at the header.
/// </summary>
[CancelAfter(120_000)]
public class ForgedEntityCountTests
{
    private const int Huge = 50_000_000;

    private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    // Far below what the forged counts would allocate (gigabytes), far above the reader's own scratch.
    private const long SmallAllocation = 32L << 20;

    [Test]
    public void A_small_full_save_claiming_a_huge_entity_count_is_refused_at_its_header_without_allocating_it()
    {
        var saves = SweepSaves.Write();
        var forged = ForgedEntityCount.Forge(saves.Saves[1].Bytes, Huge);
        var (header, _) = SaveSurgery.Split(forged);
        Assert.That(forged.Length, Is.LessThan(200_000), "a small file");
        Assert.That(header.RawBytes, Is.GreaterThan(1L << 30), "claiming gigabytes");

        var check = new SweepCheck(saves, 1);
        Assert.That(check.Check(forged, "forged entity count"), Is.True, "refused; falls back to the previous save");
        var store = saves.StoreWith(1, forged);
        SaveFormatException? error = null;
        var allocated = Allocated(() => error = Assert.Throws<SaveFormatException>(() => SaveLoader.LoadAsync(store, saves.Saves[1].Name).GetAwaiter().GetResult()));
        Assert.That(allocated, Is.LessThan(SmallAllocation), "refused before the buffers are allocated");
        Assert.That(error!.Message, Does.Contain(saves.Saves[1].Name).And.Contain($"more than {SaveFormat.MaxDecodeRatio}x").And.Contain($"{Huge} entities"));
        Assert.That(error.Message, Does.Not.Contain('\n'), "one line");
        TestContext.Out.WriteLine(error.Message);
    }

    [Test]
    public void A_delta_claiming_rows_whose_ids_it_does_not_store_is_refused_before_its_chain_is_allocated()
    {
        var saves = SweepSaves.Write();
        var forged = SaveSurgery.RewriteHeader(saves.Saves[3].Bytes, header =>
        {
            header.EntityCount = Huge;
            foreach (var column in header.Columns)
                column.Buffers[0].RawLength = column.ElementSize > 0 ? (long)Huge * column.ElementSize : ((long)Huge + 1) * sizeof(int);
        });

        var check = new SweepCheck(saves, 3);
        Assert.That(check.Check(forged, "forged delta entity count"), Is.True, "refused; falls back to the previous delta");
        var store = saves.StoreWith(3, forged);
        SaveFormatException? error = null;
        var allocated = Allocated(() => error = Assert.Throws<SaveFormatException>(() => SaveLoader.LoadAsync(store, saves.Saves[3].Name).GetAwaiter().GetResult()));
        Assert.That(allocated, Is.LessThan(SmallAllocation), "refused before the chain's buffers are allocated");
        Assert.That(error!.Message, Does.Contain(saves.Saves[3].Name).And.Contain("id bytes"));
        TestContext.Out.WriteLine(error.Message);
    }

    [Test]
    public async Task Saves_of_a_world_of_defaults_stay_within_the_ratio_and_a_delta_of_added_default_rows_loads()
    {
        // The most compressible world a writer can be given: every column at its default but the ids, which a growth
        // delta must still store. Both saves must load, and the full save must stay under the ratio.
        var world = new GameWorld(TestWorlds.Schema(), 1024);
        for (var i = 0; i < 300_000; i++) world.Spawn();
        var store = new InMemorySaveStore("defaults");
        using var writer = new ChainWriter(store, new DeltaPolicy { FullEvery = 100, MaxChainFraction = 100 });
        var pool = new SnapshotPool(1);
        var names = new List<string>();
        for (var s = 0; s < 2; s++)
        {
            if (s == 1)
            {
                for (var i = 0; i < 200_000; i++) world.Spawn();
            }

            world.AdvanceTick();
            Assert.That(pool.TryCapture(world, Start.AddSeconds(s), out var snapshot), Is.True);
            using (snapshot)
            {
                var name = SaveNames.Auto(Start.AddSeconds(s), world.Tick);
                var header = writer.Save(snapshot, name);
                Assert.That(header.ChainIndex, Is.EqualTo(s));
                var length = (await store.ListAsync()).Single(e => e.Name == name).Length;
                TestContext.Out.WriteLine($"{name}: {length} bytes, blocks decode to {header.RawBytes} ({(double)header.RawBytes / length:F0}x)");
                names.Add(name);
            }
        }

        using var loaded = await SaveLoader.LoadAsync(store, names[1]);
        using var expected = TestWorlds.FullCopy(world);
        TestWorlds.AssertSameBytes(expected, loaded, "the delta of added default rows");
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
