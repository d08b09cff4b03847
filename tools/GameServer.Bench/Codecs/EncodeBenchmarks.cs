using BenchmarkDotNet.Attributes;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Writing;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Codecs;

/// <summary>Encode (filter + compress + checksum every block) per codec and filter, on the autosave thread's path.</summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private WorldSnapshot _snapshot = null!;
    private SnapshotEncoder _encoder = null!;

    [Params(100_000, 1_000_000, 4_000_000)]
    public int Entities { get; set; }

    [Params("none", "zstd-1+noshuffle", "zstd-1")]
    public string Codec { get; set; } = "zstd-1";

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = new SnapshotPool(1).Capture(BenchWorlds.Create(Entities));
        _encoder = new SnapshotEncoder(SaveCodecOptions.Parse(Codec));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        _snapshot.Dispose();
    }

    [Benchmark]
    public long Encode() => _encoder.PrepareFull(_snapshot, "bench", "auto", "").WriteTo(Stream.Null).FileLength;
}
