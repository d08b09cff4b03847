namespace GameServer.World.Snapshots;

/// <summary>Checks that make a snapshot safe to restore, whatever produced it.</summary>
internal static class SnapshotValidation
{
    public static void CheckOffsets(string column, ReadOnlySpan<int> offsets, int count, int dataLength)
    {
        if (offsets.Length != count + 1)
            throw new InvalidDataException($"Column '{column}': {offsets.Length} offsets for {count} rows (expected {count + 1}).");
        if (offsets[0] != 0)
            throw new InvalidDataException($"Column '{column}': first offset is {offsets[0]}, expected 0.");
        for (var i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
                throw new InvalidDataException($"Column '{column}': offset {i} ({offsets[i]}) is below offset {i - 1} ({offsets[i - 1]}).");
        }

        if (offsets[count] != dataLength)
            throw new InvalidDataException($"Column '{column}': last offset {offsets[count]} does not match {dataLength} data bytes.");
    }
}
