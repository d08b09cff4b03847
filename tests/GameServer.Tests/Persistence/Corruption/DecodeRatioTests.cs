using System.IO.Hashing;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Tests.Persistence.Delta;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;
using ZstdSharp;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// The maximum decode ratio of variable-length buffers (<see cref="SaveFormat.MaxVariableLengthDecodeRatio"/>): crafted
/// blob columns that would decode far beyond the file are refused before anything is allocated, and the writer keeps
/// legitimate saves of one repeated value within it.
/// </summary>
[CancelAfter(120_000)]
public class DecodeRatioTests
{
    private const long Bomb = 1L << 30;

    private const string Repeated = "wanderer of the northern wastes, level 1";

    private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void A_blob_column_whose_blocks_decode_a_gigabyte_from_kilobytes_is_refused_without_allocating_it()
    {
        var saves = SweepSaves.Write();
        var (header, data) = SaveSurgery.Split(saves.Saves[1].Bytes);

        // A thousand valid zstd frames of a mebibyte of zeros each, appended as the name column's data: the blocks
        // tile the data section, every checksum is right, only the ratio gives the bomb away.
        var frame = new Compressor(1).Wrap(new byte[SaveFormat.MaxBlockRawBytes]).ToArray();
        var names = header.Columns.Single(c => c.Name == "name").Buffers[1];
        var bomb = new MemoryStream();
        bomb.Write(data);
        for (var i = 0; i < Bomb / SaveFormat.MaxBlockRawBytes; i++)
        {
            names.Blocks.Add(new BlockEntry { Offset = bomb.Length, RawLength = SaveFormat.MaxBlockRawBytes, StoredLength = frame.Length, Codec = BlockCodec.Zstd, Checksum = XxHash3.HashToUInt64(frame) });
            bomb.Write(frame);
        }

        names.RawLength += Bomb;
        var file = SaveSurgery.Build(header, bomb.ToArray());
        Assert.That(file.Length, Is.LessThan(200_000), "a small file");

        var check = new SweepCheck(saves, 1);
        Assert.That(check.Check(file, "blob bomb"), Is.True);
        var error = Assert.Throws<SaveFormatException>(() => SaveLoader.LoadAsync(saves.StoreWith(1, file), saves.Saves[1].Name).GetAwaiter().GetResult());
        Assert.That(error!.Message, Does.Contain($"more than the {SaveFormat.MaxVariableLengthDecodeRatio}x").And.Contain("'name'").And.Contain(saves.Saves[1].Name));
        Assert.That(error.Offset, Is.Not.Null);
        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public void A_delta_that_grows_a_blob_column_past_what_its_blocks_can_decode_to_is_refused_without_allocating_it()
    {
        var saves = SweepSaves.Write();
        var file = SaveSurgery.RewriteHeader(saves.Saves[3].Bytes, h => h.Columns.Single(c => c.Name == "name").Buffers[1].RawLength += Bomb);

        var check = new SweepCheck(saves, 3);
        Assert.That(check.Check(file, "delta blob bomb"), Is.True);
        var error = Assert.Throws<SaveFormatException>(() => SaveLoader.LoadAsync(saves.StoreWith(3, file), saves.Saves[3].Name).GetAwaiter().GetResult());
        Assert.That(error!.Message, Does.Contain("grows by").And.Contain(saves.Saves[3].Name));
        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public async Task Saves_of_one_repeated_blob_value_stay_within_the_ratio_full_and_delta()
    {
        // Identical names compress far past the ratio: the writer keeps such blocks raw, so the saves still load.
        var schema = new WorldSchemaBuilder().AddUtf8("name").Build();
        var world = new GameWorld(schema, 1024);
        for (var i = 0; i < 40_000; i++) world.Spawn();
        var names = world.GetBlobColumn("name");
        for (var i = 0; i < world.Count; i++) names.SetString(i, Repeated);
        var store = new InMemorySaveStore("ratio");
        using var writer = new ChainWriter(store, new DeltaPolicy { FullEvery = 100, MaxChainFraction = 100 });
        var pool = new SnapshotPool(1);
        var saved = new List<string>();
        for (var s = 0; s < 2; s++)
        {
            if (s == 1)
            {
                for (var i = 0; i < 30_000; i++)
                {
                    world.Spawn();
                    names.SetString(world.Count - 1, Repeated);
                }
            }

            world.AdvanceTick();
            Assert.That(pool.TryCapture(world, Start.AddSeconds(s), out var snapshot), Is.True);
            using (snapshot)
            {
                var name = SaveNames.Auto(Start.AddSeconds(s), world.Tick);
                var header = writer.Save(snapshot, name);
                var data = header.Columns[1].Buffers[1];
                Assert.That(data.Blocks.Where(b => b.Codec == BlockCodec.None), Is.Not.Empty, "some blocks had to be kept raw");
                saved.Add(name);
            }
        }

        using var loaded = await SaveLoader.LoadAsync(store, saved[1]);
        using var expected = TestWorlds.FullCopy(world);
        TestWorlds.AssertSameBytes(expected, loaded, "the delta of repeated names");
    }
}
