using BenchmarkDotNet.Attributes;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Codecs;

/// <summary>Load: open, verify every checksum, decompress and unshuffle a default-codec save; then restore into a world.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string _folder = null!;
    private LocalFolderStore _store = null!;
    private string _name = null!;
    private GameWorld _target = null!;

    [Params(100_000, 1_000_000, 4_000_000)]
    public int Entities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "gamebench-load-" + Guid.NewGuid().ToString("N"));
        var world = BenchWorlds.Create(Entities);
        using var snapshot = new SnapshotPool(1).Capture(world);
        using var encoder = new SnapshotEncoder();
        _store = new LocalFolderStore(_folder);
        _name = SaveNames.Auto(DateTime.UtcNow, 1);
        new SaveWriter(_store, 0).WriteAsync(encoder.PrepareFull(snapshot, "bench", "auto", ""), _name).GetAwaiter().GetResult();
        _target = new GameWorld(BenchWorlds.Schema(), Entities);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "decode file")]
    public int Decode()
    {
        using var snapshot = SaveLoader.LoadAsync(_store, _name).GetAwaiter().GetResult();
        return snapshot.Count;
    }

    [Benchmark(Description = "decode + restore into world")]
    public int DecodeAndRestore()
    {
        using var snapshot = SaveLoader.LoadAsync(_store, _name).GetAwaiter().GetResult();
        _target.Restore(snapshot);
        return _target.Count;
    }
}
