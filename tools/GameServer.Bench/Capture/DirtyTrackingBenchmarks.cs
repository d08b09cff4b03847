using BenchmarkDotNet.Attributes;
using GameServer.World;

namespace GameServer.Bench.Capture;

/// <summary>
/// What dirty tracking costs a system that updates every row each tick: integrating positions through
/// the world's marking span accessors versus the same loop over plain arrays.
/// </summary>
[MemoryDiagnoser]
public class DirtyTrackingBenchmarks
{
    private GameWorld _world = null!;
    private float[] _x = null!;
    private float[] _y = null!;
    private float[] _vx = null!;
    private float[] _vy = null!;

    [Params(100_000, 1_000_000)]
    public int Entities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _world = BenchWorlds.Create(Entities);
        _x = _world.GetColumn<float>("x").Read().ToArray();
        _y = _world.GetColumn<float>("y").Read().ToArray();
        _vx = _world.GetColumn<float>("vx").Read().ToArray();
        _vy = _world.GetColumn<float>("vy").Read().ToArray();
    }

    [Benchmark(Baseline = true, Description = "move all, plain arrays")]
    public void MovePlain() => Move(_x, _y, _vx, _vy);

    [Benchmark(Description = "move all, world spans (marks chunks)")]
    public void MoveTracked()
    {
        _world.AdvanceTick();
        Move(
            _world.GetColumn<float>("x").Write(),
            _world.GetColumn<float>("y").Write(),
            _world.GetColumn<float>("vx").Read(),
            _world.GetColumn<float>("vy").Read());
    }

    [Benchmark(Description = "move all, world per-row Set (marks each row)")]
    public void MovePerRow()
    {
        _world.AdvanceTick();
        var x = _world.GetColumn<float>("x");
        var y = _world.GetColumn<float>("y");
        var vx = _world.GetColumn<float>("vx").Read();
        var vy = _world.GetColumn<float>("vy").Read();
        for (var i = 0; i < vx.Length; i++)
        {
            x.Set(i, x.Get(i) + (vx[i] * 0.033f));
            y.Set(i, y.Get(i) + (vy[i] * 0.033f));
        }
    }

    private static void Move(Span<float> x, Span<float> y, ReadOnlySpan<float> vx, ReadOnlySpan<float> vy)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] += vx[i] * 0.033f;
            y[i] += vy[i] * 0.033f;
        }
    }
}
