using System.Diagnostics;
using System.IO.Hashing;
using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World.Schema;
using GameServer.World.Snapshots;
using ZstdSharp;

namespace GameServer.Bench.Scenario;

/// <summary>
/// <c>gamebench delta-kernels</c>: where a delta save's encode and a chain load spend their time, section by
/// section (shuffle, zstd, checksum; read, decompress, unshuffle, XOR), and the same work under candidate
/// kernel settings (zstd levels, shuffle on or off, the fused unshuffle+XOR), all A/B in one process.
/// </summary>
/// <remarks>
/// One real chain (a full save and <c>deltas</c> deltas through the real <see cref="AutosaveService"/>, one
/// interval of churn apart) supplies the inputs: the XOR blocks each delta stored, decoded back. The encode
/// variants re-encode those blocks; the decode variants apply the chain's stored blocks. Medians of reps.
/// </remarks>
public static class DeltaKernelsScenario
{
    private const int Reps = 7;

    // Passes over the blocks per timed sample: the thread CPU clock may tick in 4 ms steps.
    private const int Passes = 10;

    public static int Run(int entities, TimeSpan interval, string churn, int deltas)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gamebench-delta-kernels-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            var game = new DemoGame();
            var settings = new GameSettings(entities, Seed: 1, AutosaveScenario.TickRate);
            var world = game.Generate(settings);
            var simulation = ChurnKinds.Simulation(game, world, settings, churn);
            var ticks = TickPipeline.Standard(world, new TickInbox(), simulation, new NoCaptureStage());
            var ticksPerSave = ChurnKinds.TicksPerSave(interval);
            var store = new LocalFolderStore(folder);
            var names = new List<string>();
            var options = new AutosaveOptions
            {
                WorldName = "bench",
                Interval = TimeSpan.FromDays(1),
                Deltas = new DeltaPolicy { FullEvery = deltas + 1, MaxChainFraction = double.MaxValue },
                Retention = new RetentionPolicy { KeepLatest = deltas + 10 },
            };
            var saveMs = new List<(int Chain, double Encode, double Write)>();
            using (var autosave = new AutosaveService(options, new SnapshotPool(maxSnapshots: 1), store))
            {
                for (var i = 0; i <= deltas; i++)
                {
                    for (var t = 0; t < (i == 0 ? 0 : ticksPerSave); t++) ticks.RunTick();
                    var r = autosave.SaveAndWait(world, SaveKind.Auto, null, TimeSpan.FromMinutes(5));
                    if (!r.Succeeded || r.ChainIndex != i) throw new InvalidOperationException($"save {i} was not link {i}: {r.Error}");
                    names.Add(r.Name!);
                    saveMs.Add((r.ChainIndex, r.EncodeDuration.TotalMilliseconds, r.WriteDuration.TotalMilliseconds));
                }
            }

            Console.WriteLine($"delta-kernels: {entities:N0} entities, {churn} churn, {interval.TotalSeconds} s apart, chain of {deltas} deltas");
            foreach (var (chain, encode, write) in saveMs) Console.WriteLine($"  save link {chain}: encode {encode:0.00} ms, write {write:0.00} ms");

            var blocks = XorBlocks(store, names);
            Console.WriteLine($"XOR blocks of one delta (link {deltas / 2 + 1}): {blocks[deltas / 2].Count}, {blocks[deltas / 2].Sum(b => (long)b.Raw.Length) / 1e6:0.00} MB raw");
            EncodeSections(blocks[deltas / 2]);
            EncodeVariants(blocks[deltas / 2]);
            DecodeVariants(store, names);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Each delta's blocks as the encoder saw them: the raw XOR bytes and the scalar size they were shuffled by.
    private static List<List<(byte[] Raw, int Scalar)>> XorBlocks(LocalFolderStore store, List<string> names)
    {
        var all = new List<List<(byte[] Raw, int Scalar)>>();
        foreach (var name in names.Skip(1))
        {
            using var file = SaveFile.OpenAsync(store, name).GetAwaiter().GetResult();
            var list = new List<(byte[], int)>();
            for (var c = 0; c < file.Header.Columns.Count; c++)
            {
                var definition = file.Schema.Columns[c];
                for (var b = 0; b < file.Header.Columns[c].Buffers.Count; b++)
                {
                    // The scalar size the encoder would shuffle by (whatever the stored blocks were written with).
                    var scalar = definition.IsVariableLength ? (b == 0 ? sizeof(int) : 1) : ColumnTypes.ScalarSize(definition.Type, definition.ElementSize);
                    foreach (var block in file.Header.Columns[c].Buffers[b].Blocks)
                    {
                        var raw = new byte[block.RawLength];
                        file.ReadBlock(block, raw);
                        list.Add((raw, scalar));
                    }
                }
            }

            all.Add(list);
        }

        return all;
    }

    private static readonly (int Level, bool Shuffle)[] Variants = [(1, true), (1, false), (-1, false), (-3, false), (-5, false), (-7, false)];

    // Every variant re-encodes the same blocks and applies them back, interleaved within each rep so the
    // machine's drift lands on all alike; times are this thread's CPU time (what a busy neighbour cannot inflate).
    private static void EncodeVariants(List<(byte[] Raw, int Scalar)> blocks)
    {
        var shuffled = new byte[SaveFormat.MaxBlockRawBytes];
        var output = new byte[Compressor.GetCompressBound(SaveFormat.MaxBlockRawBytes)];
        var decoded = new byte[SaveFormat.MaxBlockRawBytes];
        var target = new byte[SaveFormat.MaxBlockRawBytes];
        var encodeCpu = Variants.Select(_ => new List<double>()).ToArray();
        var applyCpu = Variants.Select(_ => new List<double>()).ToArray();
        var stored = new long[Variants.Length];
        var compressors = Variants.Select(v => new Compressor(v.Level)).ToArray();
        using var decompressor = new Decompressor();
        var encoded = new List<(int Offset, int Length)>();
        var all = new byte[blocks.Sum(b => Compressor.GetCompressBound(b.Raw.Length))];
        try
        {
            for (var rep = 0; rep <= Reps; rep++)
            {
                for (var v = 0; v < Variants.Length; v++)
                {
                    var (_, shuffle) = Variants[v];
                    encoded.Clear();
                    var position = 0;
                    var cpu0 = ThreadCpuClock.CurrentThread();
                    for (var pass = 0; pass < Passes; pass++)
                    {
                        encoded.Clear();
                        position = 0;
                        foreach (var (raw, scalar) in blocks)
                        {
                            if (!raw.AsSpan().ContainsAnyExcept((byte)0)) continue;
                            ReadOnlySpan<byte> input = raw;
                            if (shuffle && scalar > 1)
                            {
                                ByteShuffle.Shuffle(raw, shuffled, scalar);
                                input = shuffled.AsSpan(0, raw.Length);
                            }

                            var n = compressors[v].Wrap(input, all.AsSpan(position));
                            _ = XxHash3.HashToUInt64(all.AsSpan(position, n));
                            encoded.Add((position, n));
                            position += n;
                        }
                    }

                    var cpu1 = ThreadCpuClock.CurrentThread();
                    for (var pass = 0; pass < Passes; pass++)
                    {
                        var k = 0;
                        foreach (var (raw, scalar) in blocks)
                        {
                            if (!raw.AsSpan().ContainsAnyExcept((byte)0)) continue;
                            var (offset, length) = encoded[k++];
                            _ = XxHash3.HashToUInt64(all.AsSpan(offset, length));
                            decompressor.Unwrap(all.AsSpan(offset, length), decoded.AsSpan(0, raw.Length));
                            if (shuffle && scalar > 1) ByteShuffle.UnshuffleXor(decoded.AsSpan(0, raw.Length), target, scalar);
                            else XorVectors(decoded.AsSpan(0, raw.Length), target.AsSpan(0, raw.Length));
                        }
                    }

                    var cpu2 = ThreadCpuClock.CurrentThread();
                    if (rep == 0) continue;
                    encodeCpu[v].Add((cpu1 - cpu0).TotalMilliseconds / Passes);
                    applyCpu[v].Add((cpu2 - cpu1).TotalMilliseconds / Passes);
                    stored[v] = position;
                }
            }
        }
        finally
        {
            foreach (var c in compressors) c.Dispose();
        }

        Console.WriteLine("one delta's XOR blocks per setting (thread CPU ms, medians; apply = checksum + decompress + unshuffle+XOR):");
        Console.WriteLine("| level | shuffle | encode ms | apply ms | stored MB |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        for (var v = 0; v < Variants.Length; v++)
            Console.WriteLine($"| {Variants[v].Level} | {(Variants[v].Shuffle ? "on" : "off")} | {Stats.Median(encodeCpu[v]):0.00} | {Stats.Median(applyCpu[v]):0.00} | {stored[v] / 1e6:0.000} |");
    }

    // The encode's steps other than zstd, each alone over one delta's blocks (zstd is the rest of a variant's time).
    private static void EncodeSections(List<(byte[] Raw, int Scalar)> blocks)
    {
        var shuffled = new byte[SaveFormat.MaxBlockRawBytes];
        var zeroScan = new List<double>();
        var shuffle = new List<double>();
        var checksum = new List<double>();
        for (var rep = 0; rep <= Reps; rep++)
        {
            var cpu0 = ThreadCpuClock.CurrentThread();
            var nonzero = 0;
            for (var pass = 0; pass < Passes; pass++)
            {
                foreach (var (raw, _) in blocks) nonzero += raw.AsSpan().ContainsAnyExcept((byte)0) ? 1 : 0;
            }

            var cpu1 = ThreadCpuClock.CurrentThread();
            for (var pass = 0; pass < Passes; pass++)
            {
                foreach (var (raw, scalar) in blocks) ByteShuffle.Shuffle(raw, shuffled, scalar);
            }

            var cpu2 = ThreadCpuClock.CurrentThread();
            ulong hash = 0;
            for (var pass = 0; pass < Passes; pass++)
            {
                // Over the raw bytes: an upper bound of the checksum of the (smaller) stored bytes.
                foreach (var (raw, _) in blocks) hash ^= XxHash3.HashToUInt64(raw);
            }

            var cpu3 = ThreadCpuClock.CurrentThread();
            if (rep == 0 || nonzero < 0 || hash == 1) continue;
            zeroScan.Add((cpu1 - cpu0).TotalMilliseconds / Passes);
            shuffle.Add((cpu2 - cpu1).TotalMilliseconds / Passes);
            checksum.Add((cpu3 - cpu2).TotalMilliseconds / Passes);
        }

        Console.WriteLine($"encode steps besides zstd, one delta (thread CPU ms, medians): zero scan {Stats.Median(zeroScan):0.00}, shuffle {Stats.Median(shuffle):0.00}, checksum of the raw bytes {Stats.Median(checksum):0.00}");
    }

    // The chain's deltas applied onto a scratch buffer per block, section by section, then the real chain load.
    private static void DecodeVariants(LocalFolderStore store, List<string> names)
    {
        var files = names.Skip(1).Select(n => SaveFile.OpenAsync(store, n).GetAwaiter().GetResult()).ToList();
        try
        {
            var stored = new byte[SaveFormat.MaxStoredBytes(SaveFormat.MaxBlockRawBytes)];
            var decompressed = new byte[SaveFormat.MaxBlockRawBytes];
            var xor = new byte[SaveFormat.MaxBlockRawBytes];
            var target = new byte[SaveFormat.MaxBlockRawBytes];
            using var decompressor = new Decompressor();
            var rd = new List<double>();
            var ck = new List<double>();
            var dz = new List<double>();
            var us = new List<double>();
            var xo = new List<double>();
            var fused = new List<double>();
            for (var rep = 0; rep <= Reps; rep++)
            {
                double r = 0, c = 0, d = 0, u = 0, x = 0, f = 0;
                foreach (var file in files)
                {
                    using var handle = store.OpenReadAsync(file.Name).GetAwaiter().GetResult();
                    var dataStart = file.DataOffset;
                    foreach (var column in file.Header.Columns)
                    {
                        foreach (var buffer in column.Buffers)
                        {
                            foreach (var block in buffer.Blocks)
                            {
                                var s = stored.AsSpan(0, block.StoredLength);
                                var t0 = Stopwatch.GetTimestamp();
                                handle.Read(dataStart + block.Offset, s);
                                var t1 = Stopwatch.GetTimestamp();
                                _ = XxHash3.HashToUInt64(s);
                                var t2 = Stopwatch.GetTimestamp();
                                var raw = block.RawLength;
                                if (block.Codec == BlockCodec.Zstd) decompressor.Unwrap(s, decompressed.AsSpan(0, raw));
                                else s.CopyTo(decompressed);
                                var t3 = Stopwatch.GetTimestamp();
                                var scalar = block.Filter == BlockFilter.Shuffle ? block.FilterParameter : 1;
                                ByteShuffle.Unshuffle(decompressed.AsSpan(0, raw), xor, scalar);
                                var t4 = Stopwatch.GetTimestamp();
                                XorVectors(xor.AsSpan(0, raw), target.AsSpan(0, raw));
                                var t5 = Stopwatch.GetTimestamp();
                                UnshuffleXor(decompressed.AsSpan(0, raw), target.AsSpan(0, raw), scalar);
                                var t6 = Stopwatch.GetTimestamp();
                                r += Ms(t0, t1);
                                c += Ms(t1, t2);
                                d += Ms(t2, t3);
                                u += Ms(t3, t4);
                                x += Ms(t4, t5);
                                f += Ms(t5, t6);
                            }
                        }
                    }
                }

                if (rep == 0) continue;
                rd.Add(r);
                ck.Add(c);
                dz.Add(d);
                us.Add(u);
                xo.Add(x);
                fused.Add(f);
            }

            Console.WriteLine($"apply of the chain's {files.Count} deltas (wall ms, medians): read {Stats.Median(rd):0.00}, checksum {Stats.Median(ck):0.00}, decompress {Stats.Median(dz):0.00}, unshuffle {Stats.Median(us):0.00}, xor {Stats.Median(xo):0.00}, fused unshuffle+xor {Stats.Median(fused):0.00}");
        }
        finally
        {
            foreach (var file in files) file.Dispose();
        }

        var full = Load(store, names[0]);
        var chain = Load(store, names[^1]);
        Console.WriteLine($"load (wall): full {full:0.00} ms, chain of {names.Count - 1} deltas {chain:0.00} ms, ratio {chain / full:0.000}");
    }

    private static void UnshuffleXor(ReadOnlySpan<byte> planes, Span<byte> target, int scalar) => ByteShuffle.UnshuffleXor(planes, target, scalar);

    // As BlockXor.Apply (internal to the persistence layer): Vector<byte> steps, then bytes.
    private static void XorVectors(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var s = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, System.Numerics.Vector<byte>>(source);
        var t = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, System.Numerics.Vector<byte>>(target);
        for (var v = 0; v < t.Length; v++) t[v] ^= s[v];
        for (var i = t.Length * System.Numerics.Vector<byte>.Count; i < target.Length; i++) target[i] ^= source[i];
    }

    private static double Load(LocalFolderStore store, string name)
    {
        var times = new List<double>();
        for (var rep = 0; rep <= Reps; rep++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using (SaveLoader.LoadAsync(store, name).GetAwaiter().GetResult())
            {
            }

            if (rep > 0) times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return Stats.Median(times);
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
