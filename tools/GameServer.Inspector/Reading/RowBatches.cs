namespace GameServer.Inspector.Reading;

/// <summary>Walks a row range in batches, loading every cursor with the same rows before each step.</summary>
internal static class RowBatches
{
    /// <summary>Rows per batch: small enough that a batch of any column stays a few MiB.</summary>
    public const int DefaultRows = 4096;

    /// <summary>Yields (first row, row count) for consecutive batches of <c>[from, to)</c>.</summary>
    public static IEnumerable<(int First, int Count)> Stream(IReadOnlyList<ColumnCursor> cursors, int from, int to, int batchRows = DefaultRows)
    {
        for (var first = from; first < to; first += batchRows)
        {
            var count = Math.Min(batchRows, to - first);
            foreach (var cursor in cursors) cursor.Load(first, count);
            yield return (first, count);
        }
    }
}
