using System.Runtime.InteropServices;
using GameServer.Persistence.Codecs;

namespace GameServer.Tests.Persistence;

public class ByteShuffleTests
{
    private static readonly int[] _scalarSizes = [1, 2, 3, 4, 5, 8, 12, 16];

    private static IEnumerable<int> ScalarSizes() => _scalarSizes;

    // Every kernel family this CPU can run, so the 128-bit kernels are checked on AVX2 machines too.
    // Names rather than the internal enum keep the public test signature legal and the test names readable.
    private static IEnumerable<string> SupportedWidths() =>
        Enum.GetValues<ByteShuffle.Width>().Where(width => width <= ByteShuffle.BestWidth).Select(width => width.ToString());

    [Test]
    public void Shuffle_matches_the_naive_transpose_for_every_length_and_scalar_size(
        [ValueSource(nameof(ScalarSizes))] int scalarSize)
    {
        foreach (var (length, offset) in Lengths(scalarSize, seed: scalarSize))
        {
            var source = RandomBytes(length, seed: length);
            var shuffled = Blank(length, offset + 3);

            ByteShuffle.Shuffle(At(offset, source), shuffled, scalarSize);

            AssertSameBytes(shuffled, ReferenceShuffle(source, scalarSize), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void Unshuffle_restores_every_length_and_scalar_size(
        [ValueSource(nameof(ScalarSizes))] int scalarSize)
    {
        foreach (var (length, offset) in Lengths(scalarSize, seed: 100 + scalarSize))
        {
            var original = RandomBytes(length, seed: length);
            var shuffled = Blank(length, offset);
            var restored = Blank(length, offset + 5);

            ByteShuffle.Shuffle(original, shuffled, scalarSize);
            ByteShuffle.Unshuffle(shuffled, restored, scalarSize);

            AssertSameBytes(restored, original, $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void Every_kernel_width_matches_the_naive_transpose_both_ways(
        [ValueSource(nameof(SupportedWidths))] string widthName,
        [ValueSource(nameof(ScalarSizes))] int scalarSize)
    {
        var width = Enum.Parse<ByteShuffle.Width>(widthName);
        foreach (var (length, offset) in Lengths(scalarSize, seed: 200 + scalarSize))
        {
            var source = RandomBytes(length, seed: length);
            var shuffled = Blank(length, offset + 1);
            var restored = Blank(length, offset + 2);

            ByteShuffle.Shuffle(At(offset, source), shuffled, scalarSize, width);
            ByteShuffle.Unshuffle(shuffled, restored, scalarSize, width);

            AssertSameBytes(shuffled, ReferenceShuffle(source, scalarSize), $"shuffle, length {length}, offset {offset}");
            AssertSameBytes(restored, source, $"unshuffle, length {length}, offset {offset}");
        }
    }

    [Test]
    public void Scalar_fallback_matches_the_naive_transpose_both_ways(
        [ValueSource(nameof(ScalarSizes))] int scalarSize)
    {
        foreach (var (length, offset) in Lengths(scalarSize, seed: 300 + scalarSize))
        {
            var source = RandomBytes(length, seed: length);
            var shuffled = Blank(length, offset + 1);
            var restored = Blank(length, offset);

            ByteShuffle.ShuffleScalar(At(offset, source), shuffled, scalarSize);
            ByteShuffle.UnshuffleScalar(shuffled, restored, scalarSize);

            AssertSameBytes(shuffled, ReferenceShuffle(source, scalarSize), $"shuffle, length {length}");
            AssertSameBytes(restored, source, $"unshuffle, length {length}");
        }
    }

    [Test]
    public void Shuffle_puts_byte_b_of_each_float_in_plane_b_and_copies_the_trailing_bytes()
    {
        float[] values = [1f, -2f, 0.5f];
        var source = new byte[(values.Length * 4) + 3];
        MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(source);
        source[^3] = 0xA1;
        source[^2] = 0xA2;
        source[^1] = 0xA3;
        var planes = new byte[source.Length];

        ByteShuffle.Shuffle(source, planes, scalarSize: 4);

        for (var element = 0; element < values.Length; element++)
        {
            for (var b = 0; b < 4; b++)
                Assert.That(planes[(b * values.Length) + element], Is.EqualTo(source[(element * 4) + b]));
        }

        Assert.That(planes[^3..], Is.EqualTo(new byte[] { 0xA1, 0xA2, 0xA3 }));
    }

    [Test]
    public void Bytes_past_the_source_length_in_the_destination_are_left_untouched()
    {
        var source = RandomBytes(1000, seed: 1);
        var shuffled = Enumerable.Repeat((byte)0xEE, 1100).ToArray();
        var restored = Enumerable.Repeat((byte)0xEE, 1100).ToArray();

        ByteShuffle.Shuffle(source, shuffled, scalarSize: 4);
        ByteShuffle.Unshuffle(shuffled.AsSpan(0, 1000), restored, scalarSize: 4);

        Assert.That(shuffled[1000..], Is.All.EqualTo(0xEE));
        Assert.That(restored[1000..], Is.All.EqualTo(0xEE));
        Assert.That(restored[..1000], Is.EqualTo(source));
    }

    [Test]
    public void A_destination_shorter_than_the_source_is_rejected()
    {
        var source = new byte[64];
        var destination = new byte[63];

        Assert.That(() => ByteShuffle.Shuffle(source, destination, 4), Throws.ArgumentException);
        Assert.That(() => ByteShuffle.Unshuffle(source, destination, 4), Throws.ArgumentException);
    }

    [Test]
    public void A_scalar_size_below_one_is_rejected()
    {
        var source = new byte[64];
        var destination = new byte[64];

        Assert.That(() => ByteShuffle.Shuffle(source, destination, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => ByteShuffle.Unshuffle(source, destination, -4), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Overlapping_source_and_destination_are_rejected()
    {
        var buffer = new byte[256];

        Assert.That(() => ByteShuffle.Shuffle(buffer.AsSpan(0, 128), buffer.AsSpan(64), 4), Throws.ArgumentException);
        Assert.That(() => ByteShuffle.Unshuffle(buffer.AsSpan(64, 128), buffer, 4), Throws.ArgumentException);
    }

    // Edge lengths around every vector block size (16 and 32 elements), aliasing plane strides, 64 KiB,
    // plus random lengths up to 5000; each at a random misalignment so no kernel relies on alignment.
    internal static IEnumerable<(int Length, int Offset)> Lengths(int scalarSize, int seed)
    {
        var random = new Random(seed);
        var lengths = new List<int> { 0, 1, scalarSize - 1, scalarSize, scalarSize + 1 };
        foreach (var elements in new[] { 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 97, 1000 })
        {
            for (var extra = -1; extra <= 1; extra++)
                lengths.Add((elements * scalarSize) + extra);
        }

        // Plane strides near a multiple of 4096 take the staged 8-byte path; these also leave remainders
        // for the 256-bit, 128-bit and scalar loops after the last whole stage.
        foreach (var elements in new[] { 4096, 8172, 8192 + 31 })
            lengths.Add((elements * scalarSize) + random.Next(0, scalarSize));

        lengths.Add(1 << 16);
        for (var i = 0; i < 150; i++)
            lengths.Add(random.Next(0, 5001));

        return lengths.Where(length => length >= 0).Select(length => (length, random.Next(0, 16)));
    }

    // NUnit's element-wise collection compare dominates the run time over ~200 buffers per test, so
    // compare by span and report only the first differing index.
    private static void AssertSameBytes(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected, string context)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), context);
        Assert.That(actual.CommonPrefixLength(expected), Is.EqualTo(expected.Length), $"{context}: first differing byte index");
    }

    // Spans that start `offset` bytes into a fresh array, so no kernel can rely on alignment.
    private static Span<byte> Blank(int length, int offset) => new byte[offset + length].AsSpan(offset);

    private static Span<byte> At(int offset, byte[] content)
    {
        var span = Blank(content.Length, offset);
        content.CopyTo(span);
        return span;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] ReferenceShuffle(byte[] source, int scalarSize)
    {
        var n = source.Length / scalarSize;
        var result = new byte[source.Length];
        for (var i = 0; i < n; i++)
        {
            for (var b = 0; b < scalarSize; b++)
                result[(b * n) + i] = source[(i * scalarSize) + b];
        }

        for (var i = n * scalarSize; i < source.Length; i++)
            result[i] = source[i];

        return result;
    }
}
