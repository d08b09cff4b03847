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
}
