using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence;

/// <summary>Crafted block tables: blocks must tile the data section, so one small frame cannot be decoded many times over.</summary>
public class DecompressionBombTests
{
    [Test]
    public void Load_latest_skips_a_save_whose_blocks_overlap_and_falls_back_to_the_previous_save()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var world = TestWorlds.Populated(700_000);
        var older = SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);
        time.Advance(TimeSpan.FromMinutes(1));
        world.AdvanceTick();
        var bomb = SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);

        // Every block of a multi-block buffer points at the buffer's first frame: the same raw bytes, decoded again and again.
        SaveSurgery.RewriteHeader(bomb, header =>
        {
            var buffer = header.Columns.SelectMany(c => c.Buffers).First(b => b.Blocks.Count >= 2 && b.Blocks[0].RawLength == b.Blocks[1].RawLength);
            var first = buffer.Blocks[0];
            buffer.Blocks[1] = new BlockEntry
            {
                Offset = first.Offset,
                RawLength = first.RawLength,
                StoredLength = first.StoredLength,
                Codec = first.Codec,
                Filter = first.Filter,
                FilterParameter = first.FilterParameter,
                Checksum = first.Checksum,
            };
        });

        var result = SavePaths.LoadLatest(folder.Path);
        using var snapshot = result.Snapshot;
        Assert.That(result.Entry!.Location, Is.EqualTo(older), "the crafted save must not load");
        Assert.That(result.Skipped.Single().Location, Is.EqualTo(bomb));
        Assert.That(result.Skipped[0].Reason, Does.Contain("overlaps").And.Contain(Path.GetFileName(bomb)));
    }
}
