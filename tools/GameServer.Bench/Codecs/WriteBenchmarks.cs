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
    private SaveWriter _writer = null!;
    private LocalFolderStore _store = null!;
    private EncodedSave _save = null!;
    private SnapshotEncoder _encoder = null!;
    private int _n;

    [Params(100_000, 1_000_000, 4_000_000)]
    public int Entities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "gamebench-write-" + Guid.NewGuid().ToString("N"));
        _store = new LocalFolderStore(_folder);
        _writer = new SaveWriter(_store, 0);
        using var snapshot = new SnapshotPool(1).Capture(BenchWorlds.Create(Entities));
        _encoder = new SnapshotEncoder();
        _save = _encoder.Encode(snapshot, "bench", "auto", "");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "write + fsync + rename + folder fsync")]
    public void WriteCommit()
    {
        var name = SaveNames.Auto(DateTime.UtcNow, ++_n);
        _writer.WriteAsync(_save, name).GetAwaiter().GetResult();
        _store.DeleteAsync(name).GetAwaiter().GetResult();
    }
}
