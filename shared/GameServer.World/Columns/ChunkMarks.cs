namespace GameServer.World.Columns;

/// <summary>
/// Per-chunk change stamps for one buffer of a column: chunk <c>i</c> covers units
/// <c>[i &lt;&lt; Shift, (i + 1) &lt;&lt; Shift)</c>, each unit <see cref="UnitSize"/> bytes.
/// </summary>
/// <remarks>
/// A write stores the world's current stamp into its chunk: one store per write, or one span fill per
/// row range, which is what keeps dirty tracking at a few percent of a system's cost.
/// </remarks>
internal sealed class ChunkMarks
{
    public ChunkMarks(int unitSize, int shift, int capacityUnits)
    {
        UnitSize = unitSize;
        Shift = shift;
        Stamps = new long[ChunksFor(capacityUnits)];
    }

    public long[] Stamps { get; private set; }

    public int Shift { get; }

    public int UnitSize { get; }

    public int ChunkBytes => UnitSize << Shift;

    public void Grow(int capacityUnits)
    {
        var needed = ChunksFor(capacityUnits);
        if (needed > Stamps.Length)
        {
            var grown = new long[needed];
            Stamps.AsSpan().CopyTo(grown);
            Stamps = grown;
        }
    }

    public void MarkRange(int firstUnit, int endUnitExclusive, long stamp)
    {
        if (endUnitExclusive <= firstUnit) return;
        var first = firstUnit >> Shift;
        var last = (endUnitExclusive - 1) >> Shift;
        Stamps.AsSpan(first, last - first + 1).Fill(stamp);
    }

    public void MarkAll(long stamp) => Stamps.AsSpan().Fill(stamp);

    private int ChunksFor(int units) => Math.Max(1, (units + (1 << Shift) - 1) >> Shift);
}
