using GameServer.Persistence.Format;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>Header changes a hostile tool could make (the sweep recomputes the header checksum after each).</summary>
internal static class HeaderMutations
{
    /// <summary>Changes that break the header's consistency with itself or the data: every one must be refused.</summary>
    public static IEnumerable<(string Description, Action<SaveHeader> Mutate)> Structural(SaveHeader original)
    {
        yield return ("entity count + 1", h => h.EntityCount++);
        yield return ("entity count - 1", h => h.EntityCount--);
        yield return ("entity count past the cap", h => h.EntityCount = SaveFormat.MaxEntities + 1);
        yield return ("no columns", h => h.Columns.Clear());
        yield return ("id column renamed to a duplicate name", h => h.Columns[0].Name = h.Columns[1].Name);
        yield return ("unknown column type", h => h.Columns[1].Type = 99);
        yield return ("f32 column declared f64", h => h.Columns[1].Type = 10);
        yield return ("a column without buffers", h => h.Columns[2].Buffers.Clear());
        yield return ("chain index past the cap", h => h.ChainIndex = SaveFormat.MaxChainLength);
        yield return ("negative chain index", h => h.ChainIndex = -1);
        yield return ("chain index + 1", h => h.ChainIndex++);
        yield return ("base named by a path", h =>
        {
            h.ChainIndex = Math.Max(1, h.ChainIndex);
            h.BaseSaveId = Guid.NewGuid();
            h.BaseFileName = "../elsewhere.gsav";
        }
        );
        if (original.IsDelta) yield return ("base id of another save", h => h.BaseSaveId = Guid.NewGuid());

        var blocks = Blocks(original).ToList();
        foreach (var index in new[] { 0, 1, blocks.Count / 2, blocks.Count - 1 }.Where(i => i >= 0 && i < blocks.Count).Distinct())
        {
            var block = blocks[index];
            yield return ($"block {index} offset + 1", h => Blocks(h).ElementAt(index).Offset++);
            yield return ($"block {index} stored length - 1", h => Blocks(h).ElementAt(index).StoredLength--);
            yield return ($"block {index} raw length - 1", h => Blocks(h).ElementAt(index).RawLength--);
            yield return ($"block {index} raw length past the cap", h => Blocks(h).ElementAt(index).RawLength = SaveFormat.MaxBlockRawBytes + 1);
            yield return ($"block {index} unknown codec", h => Blocks(h).ElementAt(index).Codec = (BlockCodec)9);
            yield return ($"block {index} unknown filter", h => Blocks(h).ElementAt(index).Filter = (BlockFilter)9);
            if (block.Filter == BlockFilter.Shuffle)
                yield return ($"block {index} shuffle scalar 17", h => Blocks(h).ElementAt(index).FilterParameter = 17);
            yield return ($"block {index} removed", h => Buffers(h).First(b => b.Blocks.Contains(Blocks(h).ElementAt(index))).Blocks.RemoveAt(IndexInBuffer(h, index)));
        }
    }

    /// <summary>One random change of one field to an interesting or random value; it may be harmless.</summary>
    public static (string Description, Action<SaveHeader> Mutate) Random(SaveHeader original, Random random)
    {
        var blockCount = Blocks(original).Count();
        var bufferCount = Buffers(original).Count();
        var block = random.Next(Math.Max(1, blockCount));
        var buffer = random.Next(bufferCount);
        var column = random.Next(original.Columns.Count);
        var value = Interesting(random);
        return random.Next(14) switch
        {
            0 when blockCount > 0 => ($"block {block} offset = {value}", h => Blocks(h).ElementAt(block).Offset = value),
            1 when blockCount > 0 => ($"block {block} raw length = {value}", h => Blocks(h).ElementAt(block).RawLength = (int)value),
            2 when blockCount > 0 => ($"block {block} stored length = {value}", h => Blocks(h).ElementAt(block).StoredLength = (int)value),
            3 when blockCount > 0 => ($"block {block} buffer offset = {value}", h => Blocks(h).ElementAt(block).BufferOffset = value),
            4 when blockCount > 0 => ($"block {block} codec/filter = {(byte)value}", h =>
            {
                var b = Blocks(h).ElementAt(block);
                b.Codec = (BlockCodec)(byte)(value & 1);
                b.Filter = (BlockFilter)(byte)((value >> 1) & 1);
                b.FilterParameter = (int)(value % 20);
            }
            ),
            5 => ($"buffer {buffer} raw length = {value}", h => Buffers(h).ElementAt(buffer).RawLength = value),
            6 => ($"entity count = {value}", h => h.EntityCount = (int)value),
            7 => ($"column {column} type = {(byte)value}", h => h.Columns[column].Type = (byte)value),
            8 => ($"column {column} element size = {value}", h => h.Columns[column].ElementSize = (int)value),
            9 => ($"column {column} default of {value & 63} bytes", h => h.Columns[column].DefaultValue = new byte[value & 63]),
            10 => ($"column {column} renamed", h => h.Columns[column].Name = random.Next(3) switch { 0 => "", 1 => "id", _ => "x" }),
            11 when blockCount > 1 => ($"block {block} duplicated", h =>
            {
                var owner = Buffers(h).First(b => b.Blocks.Contains(Blocks(h).ElementAt(block)));
                owner.Blocks.Add(Blocks(h).ElementAt(block));
            }
            ),
            12 => ($"chain index = {value}", h => h.ChainIndex = (int)value),
            _ => ($"next id = {value}", h => h.NextId = value),
        };
    }

    private static long Interesting(Random random) => random.Next(8) switch
    {
        0 => 0,
        1 => 1,
        2 => -1,
        3 => int.MaxValue,
        4 => int.MinValue,
        5 => 1 << 20,
        6 => random.Next(-4, 70_000),
        _ => random.NextInt64(),
    };

    private static IEnumerable<SavedBuffer> Buffers(SaveHeader header) => header.Columns.SelectMany(c => c.Buffers);

    private static IEnumerable<BlockEntry> Blocks(SaveHeader header) => Buffers(header).SelectMany(b => b.Blocks);

    private static int IndexInBuffer(SaveHeader header, int index)
    {
        var block = Blocks(header).ElementAt(index);
        return Buffers(header).First(b => b.Blocks.Contains(block)).Blocks.IndexOf(block);
    }
}
