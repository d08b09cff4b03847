using BenchmarkDotNet.Attributes;
using GameServer.World;
using GameServer.World.Columns;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Capture;

/// <summary>
/// Capture of a 12-column, 48 B/entity world, full and with 1/5/25% of chunks dirty, against a plain
/// <c>Span.CopyTo</c> of the same bytes into an already-touched buffer (the physical baseline).
/// </summary>
[MemoryDiagnoser]
public class CaptureBenchmarks
{
    private static readonly string[] FloatColumns = ["x", "y", "z", "vx", "vy", "vz", "yaw"];
    private GameWorld _world = null!;
    private SnapshotPool _pool = null!;
    private WorldSnapshot _snapshot = null!;
    private byte[] _plainTarget = null!;
    private Column[] _columns = null!;
    private Column<float>[] _floats = null!;
    private Column<int> _hp = null!;
    private Column<ushort>[] _shorts = null!;
    private Column<uint> _owner = null!;
    private int[] _rows1 = null!;
    private int[] _rows5 = null!;
    private int[] _rows25 = null!;

    [Params(100_000, 1_000_000, 4_000_000)]
    public int Entities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _world = BenchWorlds.Create(Entities);
        _pool = new SnapshotPool(1);
        _snapshot = _pool.Capture(_world);

        _columns = [.. _world.Schema.Columns.Select(c => _world.GetColumn(c.Name))];
        _plainTarget = new byte[_snapshot.RawBytes];
        _plainTarget.AsSpan().Fill(1);

        _floats = [.. FloatColumns.Select(_world.GetColumn<float>)];
        _hp = _world.GetColumn<int>("hp");
        _shorts = [_world.GetColumn<ushort>("kind"), _world.GetColumn<ushort>("flags")];
        _owner = _world.GetColumn<uint>("owner");
        _rows1 = DirtyRows(0.01);
        _rows5 = DirtyRows(0.05);
        _rows25 = DirtyRows(0.25);
    }

    [GlobalCleanup]
    public void Cleanup() => _snapshot.Dispose();

    /// <summary>The same bytes, read from the live world's columns (the memory capture reads), into a pre-touched buffer.</summary>
    [Benchmark(Baseline = true, Description = "plain Span.CopyTo")]
    public void PlainCopy()
    {
        var offset = 0;
        foreach (var column in _columns)
        {
            var source = column.BufferBytes(0);
            source.CopyTo(_plainTarget.AsSpan(offset));
            offset += source.Length;
        }
    }

    [Benchmark(Description = "capture full")]
    public long CaptureFull()
    {
        _snapshot.Invalidate();
        return Recapture();
    }

    [Benchmark(Description = "capture 1% dirty")]
    public long CaptureDirty1() => TouchAndRecapture(_rows1);

    [Benchmark(Description = "capture 5% dirty")]
    public long CaptureDirty5() => TouchAndRecapture(_rows5);

    [Benchmark(Description = "capture 25% dirty")]
    public long CaptureDirty25() => TouchAndRecapture(_rows25);

    private long TouchAndRecapture(int[] rows)
    {
        // One write per chosen chunk in every column but the ids: that fraction of all chunks is dirty.
        foreach (var row in rows)
        {
            foreach (var column in _floats) column.Set(row, column.Get(row) + 1);
            _hp.Set(row, _hp.Get(row) - 1);
            foreach (var column in _shorts) column.Set(row, (ushort)(column.Get(row) + 1));
            _owner.Set(row, _owner.Get(row) + 1);
        }

        return Recapture();
    }

    private long Recapture()
    {
        _snapshot.Dispose();
        _world.AdvanceTick();
        _pool.TryCapture(_world, DateTime.UtcNow, out _snapshot);
        return _snapshot.LastCopiedBytes;
    }

    private int[] DirtyRows(double fraction)
    {
        var chunks = (Entities + GameWorld.RowsPerChunk - 1) / GameWorld.RowsPerChunk;
        var random = new Random(7);
        return Enumerable.Range(0, chunks)
            .OrderBy(_ => random.Next())
            .Take(Math.Max(1, (int)Math.Round(chunks * fraction)))
            .Select(c => Math.Min(Entities - 1, (c * GameWorld.RowsPerChunk) + random.Next(GameWorld.RowsPerChunk)))
            .ToArray();
    }
}
