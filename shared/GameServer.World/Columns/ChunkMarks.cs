using System.Runtime.CompilerServices;
using GameServer.World.Snapshots;

namespace GameServer.World.Columns;

/// <summary>
/// Per-chunk change stamps for one buffer of a column: chunk <c>i</c> covers units
/// <c>[i &lt;&lt; Shift, (i + 1) &lt;&lt; Shift)</c>, each unit <see cref="UnitSize"/> bytes.
/// </summary>
/// <remarks>
/// A write stores the world's current stamp into its chunk: one store per write, or one span fill per
/// row range, which is what keeps dirty tracking at a few percent of a system's cost. While a deferred
/// capture is pending, marking is also the copy-on-write barrier: a chunk the capture still needs is
/// copied into the snapshot before its first write. Callers mark before they mutate.
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

    // The deferred capture this buffer still owes chunks to, or null. Armed by the tick thread when a
    // capture point is fixed, disarmed by whichever thread finishes or abandons that capture.
    private BufferCopy? _barrier;

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

    /// <summary>Stamps the chunk holding <paramref name="unit"/>; call before changing it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Mark(int unit, long stamp)
    {
        var chunk = unit >> Shift;
        Volatile.Read(ref _barrier)?.BeforeWrite(chunk);
        Stamps[chunk] = stamp;
    }

    /// <summary>Stamps every chunk of units [first, end); call before changing them.</summary>
    public void MarkRange(int firstUnit, int endUnitExclusive, long stamp)
    {
        if (endUnitExclusive <= firstUnit) return;
        var first = firstUnit >> Shift;
        var last = (endUnitExclusive - 1) >> Shift;
        if (Volatile.Read(ref _barrier) is { } pending)
        {
            for (var chunk = first; chunk <= last; chunk++) pending.BeforeWrite(chunk);
        }

        Stamps.AsSpan(first, last - first + 1).Fill(stamp);
    }

    /// <summary>Makes every later mark copy the chunks <paramref name="copy"/> still owes before they change (tick thread).</summary>
    public void ArmBarrier(BufferCopy copy) => Volatile.Write(ref _barrier, copy);

    /// <summary>Stops the barrier of <paramref name="copy"/> (any thread); a newer capture's barrier stays armed.</summary>
    public void DisarmBarrier(BufferCopy copy) => Interlocked.CompareExchange(ref _barrier, null, copy);

    /// <summary>Stamps every chunk (after a restore, which completes any pending capture first).</summary>
    public void MarkAll(long stamp) => Stamps.AsSpan().Fill(stamp);

    private int ChunksFor(int units) => Math.Max(1, (units + (1 << Shift) - 1) >> Shift);
}
