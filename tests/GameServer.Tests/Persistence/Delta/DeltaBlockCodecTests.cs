using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Persistence.Writing;
using GameServer.Tests.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Delta;

/// <summary>Delta blocks have their own codec settings (a fast zstd level, no shuffle); full saves keep theirs.</summary>
public class DeltaBlockCodecTests
{
    [Test]
    [CancelAfter(60_000)]
    public void Delta_blocks_are_stored_unshuffled_at_the_delta_level_and_full_blocks_stay_shuffled()
    {
        var (full, delta) = FullThenDelta(SaveCodecOptions.Default);

        Assert.That(full.Codec, Is.EqualTo("zstd-1+shuffle"));
        Assert.That(Blocks(full).Any(b => b.Filter == BlockFilter.Shuffle), Is.True, "full saves keep the shuffle");
        Assert.That(delta.Codec, Is.EqualTo($"zstd-{SaveCodecOptions.Default.DeltaLevel}"));
        Assert.That(Blocks(delta), Is.Not.Empty);
        Assert.That(Blocks(delta).Select(b => b.Filter), Is.All.EqualTo(BlockFilter.None), "delta blocks are not shuffled");
    }

    [Test]
    [CancelAfter(60_000)]
    public void Delta_shuffle_can_be_turned_back_on_and_is_recorded_in_the_header()
    {
        var (_, delta) = FullThenDelta(SaveCodecOptions.Default with { DeltaLevel = 1, DeltaShuffle = true });

        Assert.That(delta.Codec, Is.EqualTo("zstd-1+shuffle"));
        Assert.That(Blocks(delta).Any(b => b.Filter == BlockFilter.Shuffle), Is.True);
    }

    [Test]
    public void An_uncompressed_codec_describes_its_deltas_as_none()
    {
        Assert.That(SaveCodecOptions.Uncompressed.DescribeDelta(), Is.EqualTo("none"));
        Assert.That(SaveCodecOptions.Default.DescribeDelta(), Is.EqualTo("zstd--3"));
    }

    // A server upgraded mid-chain: it loads a chain whose deltas were shuffled and continues it with unshuffled ones.
    [Test]
    [CancelAfter(60_000)]
    public void A_chain_of_shuffled_then_unshuffled_deltas_restores_every_save_byte_identical()
    {
        var shuffled = SaveCodecOptions.Default with { DeltaLevel = 1, DeltaShuffle = true };
        var headers = Chain([shuffled, shuffled, shuffled, SaveCodecOptions.Default, SaveCodecOptions.Default, shuffled]);

        Assert.That(headers.Select(h => h.ChainIndex), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
        Assert.That(headers.Select(h => h.Codec), Is.EqualTo(new[] { "zstd-1+shuffle", "zstd-1+shuffle", "zstd-1+shuffle", "zstd--3", "zstd--3", "zstd-1+shuffle" }));
    }

    private static (SaveHeader Full, SaveHeader Delta) FullThenDelta(SaveCodecOptions codec)
    {
        var headers = Chain([codec, codec]);
        return (headers[0], headers[1]);
    }

    // A full save of a random world, then one delta per further codec after random churn, each encoded with its
    // codec against the same base; every save loads byte-identical to its world.
    private static List<SaveHeader> Chain(SaveCodecOptions[] codecs)
    {
        var store = new InMemorySaveStore();
        var writer = new SaveWriter(store, 0);
        var deltaBase = new DeltaBase();
        var world = TestWorlds.Populated(5000, seed: 4);
        var churn = new RandomChurn(world, seed: 5);
        var pool = new SnapshotPool(1);
        var time = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        var headers = new List<SaveHeader>();
        for (var step = 0; step < codecs.Length; step++)
        {
            if (step > 0) churn.Apply(maxOps: 50, burst: 20);
            world.AdvanceTick();
            Assert.That(pool.TryCapture(world, time.AddSeconds(step), out var snapshot), Is.True);
            using (snapshot)
            using (var encoder = new SnapshotEncoder(codecs[step]))
            {
                var name = SaveNames.Auto(time.AddSeconds(step), world.Tick);
                var pending = step == 0 ? encoder.PrepareFull(snapshot, "chain", "auto", "") : encoder.PrepareDelta(snapshot, deltaBase, "chain", "auto", "");
                var encoded = writer.WriteAsync(pending, name).GetAwaiter().GetResult();
                deltaBase.Commit(snapshot, encoded, name);
                headers.Add(encoded.Header);
                using var expected = TestWorlds.FullCopy(world);
                using var loaded = SaveLoader.LoadAsync(store, name).GetAwaiter().GetResult();
                TestWorlds.AssertSameBytes(expected, loaded, $"step {step}");
            }
        }

        return headers;
    }

    private static IEnumerable<BlockEntry> Blocks(SaveHeader header) => header.Columns.SelectMany(c => c.Buffers).SelectMany(b => b.Blocks);
}
