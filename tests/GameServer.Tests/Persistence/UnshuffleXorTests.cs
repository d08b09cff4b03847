using GameServer.Persistence.Codecs;

namespace GameServer.Tests.Persistence;

/// <summary>The fused unshuffle+XOR kernel that applies a delta block onto its base in one pass.</summary>
public class UnshuffleXorTests
{
    private static readonly int[] _scalarSizes = [1, 2, 3, 4, 5, 8, 12, 16];

    private static IEnumerable<int> ScalarSizes() => _scalarSizes;

    private static IEnumerable<string> SupportedWidths() =>
        Enum.GetValues<ByteShuffle.Width>().Where(width => width <= ByteShuffle.BestWidth).Select(width => width.ToString());

    [Test]
    public void UnshuffleXor_equals_unshuffle_then_xor_for_every_width_length_alignment_and_scalar_size(
        [ValueSource(nameof(SupportedWidths))] string widthName,
        [ValueSource(nameof(ScalarSizes))] int scalarSize)
    {
        var width = Enum.Parse<ByteShuffle.Width>(widthName);
        foreach (var (length, offset) in ByteShuffleTests.Lengths(scalarSize, seed: 400 + scalarSize))
        {
            var planes = Random(length, seed: length + 1);
            var baseBytes = Random(length, seed: length + 2);
            var expected = new byte[length];
            ByteShuffle.UnshuffleScalar(planes, expected, scalarSize);
            for (var i = 0; i < length; i++) expected[i] ^= baseBytes[i];
            var target = new byte[offset + length + 7].AsSpan(offset);
            baseBytes.CopyTo(target);

            ByteShuffle.UnshuffleXor(At(offset + 3, planes), target, scalarSize, width);

            Assert.That(target[..length].CommonPrefixLength(expected), Is.EqualTo(length), $"length {length}, offset {offset}: first differing byte");
        }
    }

    [Test]
    public void UnshuffleXor_of_shuffled_bytes_onto_themselves_gives_zeros_and_leaves_the_rest_untouched()
    {
        var original = Random(64 * 1024 + 13, seed: 9);
        var planes = new byte[original.Length];
        ByteShuffle.Shuffle(original, planes, scalarSize: 4);
        var target = Enumerable.Repeat((byte)0xEE, original.Length + 100).ToArray();
        original.CopyTo(target, 0);

        ByteShuffle.UnshuffleXor(planes, target, scalarSize: 4);

        Assert.That(target.AsSpan(0, original.Length).ContainsAnyExcept((byte)0), Is.False);
        Assert.That(target[original.Length..], Is.All.EqualTo(0xEE));
    }

    [Test]
    public void UnshuffleXor_rejects_a_short_or_overlapping_target_and_a_bad_scalar_size()
    {
        var buffer = new byte[256];

        Assert.That(() => ByteShuffle.UnshuffleXor(new byte[64], new byte[63], 4), Throws.ArgumentException);
        Assert.That(() => ByteShuffle.UnshuffleXor(buffer.AsSpan(64, 128), buffer, 4), Throws.ArgumentException);
        Assert.That(() => ByteShuffle.UnshuffleXor(new byte[64], new byte[64], 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static Span<byte> At(int offset, byte[] content)
    {
        var span = new byte[offset + content.Length].AsSpan(offset);
        content.CopyTo(span);
        return span;
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
