using GameServer.Persistence.Storage;

namespace GameServer.Tests.Persistence.Storage;

public class SaveNamesTests
{
    [TestCase("world\n")]
    [TestCase("world\r\n")]
    [TestCase("wor\0ld")]
    [TestCase("../world")]
    public void Labels_are_validated_as_whole_strings(string label) =>
        Assert.That(SaveNames.ValidateLabel(label), Is.Not.Null, "a trailing newline must not slip past the end anchor");

    [Test]
    public void A_save_name_with_a_trailing_newline_is_not_a_save_name() =>
        Assert.That(SaveNames.TryParse("auto-20260101T000000000Z-t0000000001.gsav\n", out _), Is.False);

    [Test]
    public void A_plain_save_name_still_parses() =>
        Assert.That(SaveNames.TryParse("auto-20260101T000000000Z-t0000000001.gsav", out var name) && name.Tick == 1, Is.True);
}
