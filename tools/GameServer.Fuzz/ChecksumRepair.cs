using System.Buffers.Binary;
using System.IO.Hashing;
using GameServer.Persistence.Format;
using MemoryPack;

namespace GameServer.Fuzz;

/// <summary>
/// Makes a mutated input's checksums right again: the header hash, every block checksum it can, the trailer's length
/// and closing magic. Without it almost every mutation stops at a checksum and the fuzzer never reaches the header's
/// validation, the codecs or the offsets (as image fuzzers turn CRCs off).
/// </summary>
internal static class ChecksumRepair
{
    /// <summary>The repaired input (in its own layout: header before the data up to version 2, after it from 3), or null when it has no header to repair.</summary>
    public static byte[]? Repair(byte[] input)
    {
        const int pre = SaveFormat.PreambleBytes;
        if (input.Length < pre + SaveFormat.TrailerBytes) return null;
        var headerAfterData = BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(8)) >= SaveFormat.HeaderAfterDataVersion;
        var trail = headerAfterData ? SaveFormat.TrailerBytes : SaveFormat.LegacyTrailerBytes;
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(headerAfterData ? input.AsSpan(input.Length - trail) : input.AsSpan(12));
        if (headerLength <= 0 || headerLength > input.Length - pre - trail) return null;
        var dataLength = input.Length - pre - headerLength - trail;
        var header = input.AsSpan(headerAfterData ? pre + dataLength : pre, headerLength).ToArray();
        var data = input.AsSpan(headerAfterData ? pre : pre + headerLength, dataLength).ToArray();
        if (Deserialize(header) is { Columns: { } columns } parsed)
        {
            foreach (var block in columns.SelectMany(c => c?.Buffers ?? []).SelectMany(b => b?.Blocks ?? []))
            {
                if (block is not null && block.Offset >= 0 && block.StoredLength > 0 && block.Offset <= data.Length - block.StoredLength)
                    block.Checksum = XxHash3.HashToUInt64(data.AsSpan((int)block.Offset, block.StoredLength));
            }

            header = Serialize(parsed) ?? header;
        }

        if (headerAfterData)
        {
            var composed = SaveFormat.ComposeFile(header, data);
            input.AsSpan(8, 2).CopyTo(composed.AsSpan(8)); // the input's version, whatever it is
            return composed;
        }

        var output = new byte[pre + header.Length + data.Length + trail];
        input.AsSpan(0, pre).CopyTo(output);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(12), header.Length);
        header.CopyTo(output.AsSpan(pre));
        data.CopyTo(output.AsSpan(pre + header.Length));
        var trailer = output.AsSpan(output.Length - trail);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, XxHash3.HashToUInt64(header));
        BinaryPrimitives.WriteInt64LittleEndian(trailer[8..], output.Length);
        SaveFormat.EndMagic.CopyTo(trailer[16..]);
        return output;
    }

    // A string that read as UTF-16 with a lone surrogate cannot be written back as UTF-8: keep the header as it was.
    private static byte[]? Serialize(SaveHeader header)
    {
        try
        {
            return MemoryPackSerializer.Serialize(header);
        }
        catch (MemoryPackSerializationException)
        {
            return null;
        }
    }

    // The repair is not under test: a header that does not deserialize is passed on as it is (the decoder refuses it).
    private static SaveHeader? Deserialize(byte[] header)
    {
        try
        {
            return SaveHeaderSerializer.Deserialize(header);
        }
#pragma warning disable CA1031 // any failure here only means "nothing to repair"
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
