using System.Diagnostics;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Codecs;

/// <summary>
/// <c>gamebench codecs</c>: for one snapshot, encode + write time, throughput, stored size and load time
/// per codec and filter, next to zstd level 1 over the unfiltered raw bytes measured in the same run.
/// </summary>
public static class CodecComparison
{
    private static readonly string[] Candidates = ["none", "zstd-1+noshuffle", "zstd-1", "zstd-3", "zstd--1", "zstd-3+noshuffle"];

    public static int Run(int entities, int reps)
    {
        var world = BenchWorlds.Create(entities);
        using var snapshot = new SnapshotPool(1).Capture(world);
        var raw = Concatenate(snapshot);
        var folder = Path.Combine(Path.GetTempPath(), "gamebench-codecs-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"entities={entities:N0} raw={raw.Length / 1e6:0.0} MB reps={reps} (median of reps after one warm-up)");
            var (refMs, refBytes) = Scenario.StaticMeasurements.ReferenceZstd1(raw, reps);
            Console.WriteLine($"reference zstd-1 on unfiltered raw bytes, one call: {refMs:0.0} ms, {raw.Length / 1e6 / (refMs / 1000):0} MB/s, {refBytes / 1e6:0.00} MB, ratio {raw.Length / (double)refBytes:0.00}");
            Console.WriteLine();
            Console.WriteLine("| codec | stored MB | ratio | encode ms | encode MB/s | encode+write ms | load ms | size vs ref | speed vs ref |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            var store = new LocalFolderStore(folder);
            var writer = new SaveWriter(store, freeSpaceMarginBytes: 0);
            foreach (var name in Candidates)
            {
                using var encoder = new SnapshotEncoder(SaveCodecOptions.Parse(name));
                var encodeMs = new List<double>();
                var totalMs = new List<double>();
                var loadMs = new List<double>();
                long stored = 0;
                for (var rep = 0; rep <= reps; rep++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var saveName = SaveNames.Auto(DateTime.UtcNow, rep);
                    // The encode runs inside the write (streamed into the put): its own time comes from the encoder.
                    var encoded = writer.WriteAsync(encoder.PrepareFull(snapshot, "bench", "auto", ""), saveName).GetAwaiter().GetResult();
                    var t2 = Stopwatch.GetTimestamp();
                    using (SaveLoader.LoadAsync(store, saveName).GetAwaiter().GetResult())
                    {
                    }

                    var t3 = Stopwatch.GetTimestamp();
                    stored = encoded.FileLength;
                    store.DeleteAsync(saveName).GetAwaiter().GetResult();
                    if (rep == 0) continue;
                    encodeMs.Add(encoded.EncodeDuration.TotalMilliseconds);
                    totalMs.Add(Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds);
                    loadMs.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
                }

                var enc = Stats.Median(encodeMs);
                Console.WriteLine($"| {name} | {stored / 1e6:0.00} | {raw.Length / (double)stored:0.00} | {enc:0.0} | {raw.Length / 1e6 / (enc / 1000):0} | {Stats.Median(totalMs):0.0} | {Stats.Median(loadMs):0.0} | {stored / (double)refBytes:0.000} | {refMs / enc:0.00}x |");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    internal static byte[] Concatenate(WorldSnapshot snapshot)
    {
        var raw = new byte[snapshot.RawBytes];
        var offset = 0;
        foreach (var column in snapshot.Columns)
        {
            for (var b = 0; b < column.BufferCount; b++)
            {
                column.Buffer(b).CopyTo(raw.AsSpan(offset));
                offset += column.Buffer(b).Length;
            }
        }

        return raw;
    }
}
