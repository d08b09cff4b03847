using BenchmarkDotNet.Attributes;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Codecs;

/// <summary>Commit an encoded save crash-safely: temp file, write, fsync, rename, folder fsync (then delete it).</summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private string _folder = null!;
    private LocalFolderStore _store = null!;
    private byte[] _save = [];
    private int _n;

    [Params(100_000, 1_000_000, 4_000_000)]
    public int Entities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "gamebench-write-" + Guid.NewGuid().ToString("N"));
        _store = new LocalFolderStore(_folder);
        using var snapshot = new SnapshotPool(1).Capture(BenchWorlds.Create(Entities));
        using var encoder = new SnapshotEncoder();
        _save = encoder.PrepareFull(snapshot, "bench", "auto", "").ToArray(); // encoded once: this measures the store's part only
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "write + fsync + rename + folder fsync")]
    public void WriteCommit()
    {
        var name = SaveNames.Auto(DateTime.UtcNow, ++_n);
        _store.PutAsync(name, (stream, _) =>
        {
            for (var offset = 0; offset < _save.Length; offset += 1 << 20) stream.Write(_save, offset, Math.Min(1 << 20, _save.Length - offset));
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
        _store.DeleteAsync(name).GetAwaiter().GetResult();
    }
}
