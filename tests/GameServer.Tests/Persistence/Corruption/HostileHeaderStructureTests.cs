using GameServer.Persistence.Format;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// MemoryPack's version-tolerant reader skips a member it has no property for by the member's stored length; a negative
/// length moved it before the header, and the reads after ran outside the buffer (an access violation that killed the
/// process, found by the fuzzer in a column). Now every member length is checked first: a typed error naming the file,
/// and loading falls back to the previous good save.
/// </summary>
[CancelAfter(60_000)]
public class HostileHeaderStructureTests
{
    // SaveHeader's member 14: a gap in its order numbers (13, then 20), which MemoryPack skips by its length.
    private const int HeaderGapMember = 14;

    // SaveHeader's member 8 holds the columns; SavedColumn has 5 members, so a 6th is one MemoryPack skips.
    private const int ColumnsMember = 8;

    [TestCase(int.MinValue)]
    [TestCase(-1_000_000)]
    [TestCase(-1)]
    public void A_negative_length_of_a_skipped_header_member_is_a_typed_error_and_loading_falls_back(int length)
    {
        var saves = SweepSaves.Write();
        var header = VersionTolerantBytes.HeaderOf(saves.Saves[1].Bytes);
        var (lengths, _) = VersionTolerantBytes.ReadObjectHeader(header, 0);
        Assert.That(lengths[HeaderGapMember], Is.Zero, "the gap member is empty in a real save");
        lengths[HeaderGapMember] = length;

        var hostile = VersionTolerantBytes.WithHeader(saves.Saves[1].Bytes, VersionTolerantBytes.ReplaceObjectHeader(header, 0, lengths));

        Assert.That(new SweepCheck(saves, 1).Check(hostile, $"header gap member length {length}"), Is.True);
    }

    [TestCase(int.MinValue)]
    [TestCase(-1_000_000)]
    [TestCase(-1)]
    public void A_negative_length_of_an_unknown_column_member_is_a_typed_error_and_loading_falls_back(int length)
    {
        var saves = SweepSaves.Write();
        var hostile = WithExtraColumnMember(saves.Saves[1].Bytes, length, extraBytes: []);

        Assert.That(new SweepCheck(saves, 1).Check(hostile, $"column member 5 length {length}"), Is.True);
    }

    [Test]
    public void A_column_member_from_a_newer_writer_is_skipped_and_the_save_loads()
    {
        var saves = SweepSaves.Write();
        var hostile = WithExtraColumnMember(saves.Saves[1].Bytes, 3, extraBytes: [1, 2, 3]);

        Assert.That(new SweepCheck(saves, 1).Check(hostile, "column member 5 of 3 bytes"), Is.False, "loads as the save itself");
    }

    // The first column's object header gets a 6th member of `length` bytes (its bytes `extraBytes`, placed after the
    // column's 5 members); the header's columns member grows by what was inserted, so only the new member is wrong.
    private static byte[] WithExtraColumnMember(byte[] save, int length, byte[] extraBytes)
    {
        var header = VersionTolerantBytes.HeaderOf(save);
        var (headerLengths, membersStart) = VersionTolerantBytes.ReadObjectHeader(header, 0);
        var column = membersStart + headerLengths.Take(ColumnsMember).Sum() + sizeof(int); // after the list's count
        var (columnLengths, columnMembers) = VersionTolerantBytes.ReadObjectHeader(header, column);
        Assert.That(columnLengths, Has.Length.EqualTo(5), "SavedColumn has 5 members");

        var end = columnMembers + columnLengths.Sum();
        var withBytes = header[..end].Concat(extraBytes).Concat(header[end..]).ToArray();
        var withMember = VersionTolerantBytes.ReplaceObjectHeader(withBytes, column, [.. columnLengths, length]);
        var grown = withMember.Length - header.Length;
        headerLengths[ColumnsMember] += grown;
        return VersionTolerantBytes.WithHeader(save, VersionTolerantBytes.ReplaceObjectHeader(withMember, 0, headerLengths));
    }
}
