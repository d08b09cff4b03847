using GameServer.Persistence.Format;

namespace GameServer.Tests.Support;

/// <summary>
/// A full save rewritten the way a hostile tool would make it claim a huge world cheaply: a forged entity count, and
/// block entries to match (every buffer's raw length right, one stored byte per mebibyte block, blocks tiling the data
/// section), so it passes every check on counts and offsets and only its ratio to the file's size gives it away.
/// </summary>
internal static class ForgedEntityCount
{
    public static byte[] Forge(byte[] save, int entityCount)
    {
        var (header, _) = SaveSurgery.Split(save);
        header.EntityCount = entityCount;
        header.Sequence++; // newer than the save it was made from
        header.ChainIndex = 0; // a full save, whatever it was made from
        header.BaseSaveId = Guid.Empty;
        header.BaseFileName = "";
        long offset = 0;
        foreach (var column in header.Columns)
        {
            // A fixed-size column's one buffer, or a variable-length column's offsets (its data buffer left empty).
            long[] raws = column.ElementSize > 0 ? [(long)entityCount * column.ElementSize] : [((long)entityCount + 1) * sizeof(int), 0];
            for (var b = 0; b < raws.Length; b++)
            {
                var blocks = new List<BlockEntry>();
                for (long at = 0; at < raws[b]; at += SaveFormat.MaxBlockRawBytes)
                {
                    var raw = (int)Math.Min(SaveFormat.MaxBlockRawBytes, raws[b] - at);
                    blocks.Add(new BlockEntry { Offset = offset++, RawLength = raw, StoredLength = 1, Codec = BlockCodec.Zstd });
                }

                column.Buffers[b].RawLength = raws[b];
                column.Buffers[b].Blocks = blocks;
            }
        }

        return SaveSurgery.Build(header, new byte[offset]);
    }
}
