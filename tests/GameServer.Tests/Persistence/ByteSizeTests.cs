using GameServer.Persistence.Reading;

namespace GameServer.Tests.Persistence;

public class ByteSizeTests
{
    [TestCase(0, "0 B")]
    [TestCase(999, "999 B")]
    [TestCase(1000, "1.0 kB")]
    [TestCase(1024, "1.0 kB")]
    [TestCase(752_153, "752.2 kB")]
    [TestCase(999_960, "1.0 MB")]
    [TestCase(14_800_000, "14.8 MB")]
    [TestCase(56_600_000_000, "56.6 GB")]
    public void Sizes_are_decimal_units_with_one_decimal(long bytes, string expected) =>
        Assert.That(ByteSize.Format(bytes), Is.EqualTo(expected));

    [TestCase("0", 0)]
    [TestCase("4096", 4096)]
    [TestCase("64M", 64L << 20)]
    [TestCase("64 MiB", 64L << 20)]
    [TestCase("1g", 1L << 30)]
    [TestCase("2T", 2L << 40)]
    [TestCase("512k", 512L << 10)]
    [TestCase("500MB", 500_000_000)]
    [TestCase("3kB", 3000)]
    [TestCase("10B", 10)]
    public void Typed_sizes_parse_with_binary_letters_and_decimal_kB_MB_GB(string text, long expected)
    {
        Assert.That(ByteSize.TryParse(text, out var bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("M")]
    [TestCase("-1M")]
    [TestCase("1.5G")]
    [TestCase("12X")]
    [TestCase("99999999999T")]
    public void Bad_sizes_do_not_parse(string text) => Assert.That(ByteSize.TryParse(text, out _), Is.False);
}
