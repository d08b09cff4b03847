using GameServer.Persistence.Format;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// Promise 5: real saves (a full save and a delta), damaged every way an unlucky disk or a hostile tool would; each
/// is loaded as the server loads at start and checked by <see cref="SweepCheck"/>. Counts: <see cref="SweepCounts"/>.
/// </summary>
[TestFixture(1, TestName = "full save")]
[TestFixture(3, TestName = "delta save")]
public class CorruptSaveSweepTests(int target)
{
    private static readonly Lazy<SweepSaves> Saves = new(() => SweepSaves.Write());

    private byte[] Original => Saves.Value.Saves[target].Bytes;

    [Test]
    public void Truncation_at_every_block_boundary_and_at_sampled_lengths_is_refused()
    {
        var check = new SweepCheck(Saves.Value, target);
        var random = new Random(SweepCounts.Seed);
        var lengths = SweepSaves.BlockBoundaries(Original).Concat(Enumerable.Range(0, 64).Select(l => (long)l))
            .Concat(Enumerable.Range(0, SweepCounts.Truncations).Select(_ => (long)random.Next(Original.Length)))
            .Append(Original.Length - 1).Where(l => l < Original.Length).Distinct();
        foreach (var length in lengths)
            Assert.That(check.Check(Original[..(int)length], $"truncated to {length}"), Is.True, $"truncated to {length} loaded");
        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public void Every_random_bit_flip_is_detected()
    {
        var check = new SweepCheck(Saves.Value, target);
        var random = new Random(SweepCounts.Seed);
        for (var i = 0; i < SweepCounts.Flips; i++)
        {
            var damaged = (byte[])Original.Clone();
            var bit = random.NextInt64((long)damaged.Length * 8);
            damaged[bit / 8] ^= (byte)(1 << (int)(bit % 8));
            Assert.That(check.Check(damaged, $"bit {bit} flipped", fallback: i % 50 == 0), Is.True, $"bit {bit} flipped loaded");
        }

        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public void Appended_garbage_is_refused()
    {
        var check = new SweepCheck(Saves.Value, target);
        var random = new Random(SweepCounts.Seed);
        foreach (var extra in new[] { 1, 7, 8, 24, 512, 4096, 100_000 })
        {
            var garbage = new byte[extra];
            random.NextBytes(garbage);
            Assert.That(check.Check([.. Original, .. garbage], $"{extra} bytes appended"), Is.True);
            Assert.That(check.Check([.. Original, .. new byte[extra]], $"{extra} zero bytes appended"), Is.True);
        }

        // A second copy of the trailer after garbage: the recorded length still gives it away.
        Assert.That(check.Check([.. Original, .. new byte[40], .. Original[^SaveFormat.TrailerBytes..]], "garbage then a copied trailer"), Is.True);
        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public void Zeroed_pages_are_refused()
    {
        var check = new SweepCheck(Saves.Value, target);
        foreach (var pageSize in new[] { 512, 4096 })
        {
            for (var start = 0; start < Original.Length; start += pageSize)
            {
                var damaged = (byte[])Original.Clone();
                var page = damaged.AsSpan(start, Math.Min(pageSize, damaged.Length - start));
                if (!page.ContainsAnyExcept((byte)0)) continue; // already zero: nothing changed
                page.Clear();
                Assert.That(check.Check(damaged, $"{pageSize}-byte page at {start} zeroed"), Is.True, $"page at {start} zeroed loaded");
            }
        }

        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public void A_damaged_block_checksum_is_refused_even_with_a_valid_header_checksum()
    {
        var check = new SweepCheck(Saves.Value, target);
        var blocks = SaveSurgery.Split(Original).Header.Columns.SelectMany(c => c.Buffers).Sum(b => b.Blocks.Count);
        for (var i = 0; i < blocks; i++)
        {
            var index = i;
            var damaged = SaveSurgery.RewriteHeader(Original, header => header.Columns.SelectMany(c => c.Buffers).SelectMany(b => b.Blocks).ElementAt(index).Checksum ^= 1);
            Assert.That(check.Check(damaged, $"checksum of block {i}"), Is.True);
        }

        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public void Structural_header_mutations_with_a_recomputed_checksum_are_refused()
    {
        var check = new SweepCheck(Saves.Value, target);
        foreach (var (description, mutate) in HeaderMutations.Structural(SaveSurgery.Split(Original).Header))
            Assert.That(check.Check(SaveSurgery.RewriteHeader(Original, mutate), description), Is.True, $"{description} loaded");
        TestContext.Out.WriteLine(check.Summary());
    }

    [Test]
    public void Random_header_mutations_with_a_recomputed_checksum_load_or_raise_only_the_typed_error()
    {
        var check = new SweepCheck(Saves.Value, target);
        var random = new Random(SweepCounts.Seed);
        for (var i = 0; i < SweepCounts.HeaderMutations; i++)
        {
            var (description, mutate) = HeaderMutations.Random(SaveSurgery.Split(Original).Header, random);
            check.Check(SaveSurgery.RewriteHeader(Original, mutate), $"#{i}: {description}", fallback: i % 10 == 0);
        }

        TestContext.Out.WriteLine(check.Summary());
    }
}
