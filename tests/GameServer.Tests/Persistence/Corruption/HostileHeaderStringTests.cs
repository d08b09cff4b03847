using System.Buffers.Binary;
using System.IO.Hashing;
using GameServer.Persistence.Format;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// A header string whose stored UTF-8 length is near <see cref="int.MinValue"/> made MemoryPack read far past the
/// header (an access violation that kills the process); found by the fuzzer. It is now a typed error like any other.
/// </summary>
[CancelAfter(60_000)]
public class HostileHeaderStringTests
{
    [TestCase(int.MinValue)]
    [TestCase(int.MinValue + 3)]
    [TestCase(-1000)]
    public void A_header_string_length_past_the_header_is_a_typed_error_and_loading_falls_back(int storedLength)
    {
        var saves = SweepSaves.Write();
        var bytes = (byte[])saves.Saves[1].Bytes.Clone();
        var layout = SaveLayout.Of(bytes);
        var header = bytes.AsSpan(checked((int)layout.HeaderOffset), layout.HeaderLength);

        // The world name "chain" as MemoryPack writes it: ~5 (UTF-8 byte count, complemented), 5 (UTF-16 length), bytes.
        // Without the hint MemoryPack decoded as many bytes as the (overflowed) length said, far past the header.
        var at = header.IndexOf("chain"u8);
        Assert.That(at, Is.GreaterThanOrEqualTo(8), "the world name is in the header");
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(header[(at - 8)..]), Is.EqualTo(~5), "stored as UTF-8");
        BinaryPrimitives.WriteInt32LittleEndian(header[(at - 8)..], storedLength);
        BinaryPrimitives.WriteInt32LittleEndian(header[(at - 4)..], 0); // no UTF-16 length hint: MemoryPack decoded all it was told
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - SaveFormat.LegacyTrailerBytes), XxHash3.HashToUInt64(header));

        var check = new SweepCheck(saves, 1);
        Assert.That(check.Check(bytes, $"world name length {storedLength}"), Is.True);
    }
}
