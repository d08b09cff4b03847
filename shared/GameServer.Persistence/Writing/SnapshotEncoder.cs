using System.Diagnostics;
using System.IO.Hashing;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.World.Schema;
using GameServer.World.Snapshots;
using MemoryPack;
using ZstdSharp;

namespace GameServer.Persistence.Writing;

/// <summary>
/// Turns a snapshot into a save file's bytes: each column buffer is cut into blocks of at most 1 MiB raw,
/// each block is shuffled, compressed and checksummed on its own, and a header after the data records the
/// block table (format 3). Blocks are streamed to the destination as they are encoded, through one bounded
/// chunk (<see cref="BlockOutput"/>): no array the size of the save exists.
/// </summary>
/// <remarks>
/// Runs on the autosave task, never on the tick thread. One encoder is used by one thread at a time; it
/// keeps its chunk and scratch buffers between saves so steady-state encoding allocates no large arrays
/// (which would otherwise be large-object-heap garbage and provoke gen-2 collections).
/// </remarks>
public sealed class SnapshotEncoder : IDisposable
{
    private readonly SaveCodecOptions _options;
    private readonly Compressor? _compressor;
    private readonly Compressor? _deltaCompressor;
    private readonly byte[] _shuffled = GC.AllocateUninitializedArray<byte>(SaveFormat.MaxBlockRawBytes);
    private readonly BlockOutput _output = new();
    private long _lastFullLength;
    private long _lastFullRawBytes;
    private PendingSave? _prepared;

    /// <summary>Creates an encoder for <paramref name="options"/>.</summary>
    public SnapshotEncoder(SaveCodecOptions? options = null)
    {
        _options = options ?? SaveCodecOptions.Default;
        if (_options.Codec != BlockCodec.Zstd) return;
        _compressor = new Compressor(_options.Level);
        _deltaCompressor = new Compressor(_options.DeltaLevel);
    }

    /// <summary>The options this encoder uses.</summary>
    public SaveCodecOptions Options => _options;

    /// <summary>Prepares a full save of <paramref name="snapshot"/>, encoded as <see cref="PendingSave.WriteTo"/> writes it; valid until the next call.</summary>
    /// <param name="snapshot">The state to save.</param>
    /// <param name="worldName">The world's name (header).</param>
    /// <param name="kind">"auto" or "manual".</param>
    /// <param name="label">A manual save's label, or empty.</param>
    /// <param name="writer">The program writing the save.</param>
    /// <param name="sequence">The save's place in its world's history (<see cref="SaveHeader.Sequence"/>; 0: none).</param>
    /// <param name="worldId">The world's id (<see cref="SaveHeader.WorldId"/>; empty: none).</param>
    public PendingSave PrepareFull(WorldSnapshot snapshot, string worldName, string kind, string label, string writer = "GameServer", long sequence = 0, Guid worldId = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var header = NewHeader(snapshot, worldName, kind, label, writer, sequence, worldId);
        var raw = snapshot.RawBytes;
        // The last full save scaled to this world's size, with a little room for data that compresses worse; before
        // any full save, every block stored raw (the most a full save can take).
        var estimate = _lastFullLength > 0 && _lastFullRawBytes > 0
            ? (long)Math.Ceiling(_lastFullLength * 1.02 * raw / _lastFullRawBytes) + 4096
            : raw + TableBytes(raw, SaveFormat.MaxBlockRawBytes);
        return _prepared = new PendingSave(this, snapshot, null, header, estimate);
    }

    /// <summary>Records that a full save of <paramref name="rawBytes"/> raw bytes took <paramref name="fileLength"/> bytes (one loaded at start), for the next full save's length estimate.</summary>
    public void NoteFullSave(long fileLength, long rawBytes)
    {
        _lastFullLength = fileLength;
        _lastFullRawBytes = rawBytes;
    }

    internal EncodedSave Write(PendingSave save, Stream destination)
    {
        if (!ReferenceEquals(save, _prepared)) throw new InvalidOperationException("this encoder has prepared another save since");
        var start = Stopwatch.GetTimestamp();
        save.Header.Columns.Clear(); // a retry writes the table afresh
        _output.Begin(destination);
        SaveFormat.WritePreamble(_output.Reserve(SaveFormat.PreambleBytes));
        _output.Advance(SaveFormat.PreambleBytes);
        // Preamble, data, header and trailer each end a write of their own (as format 2's were), so a write torn at
        // each boundary stays a crash point and a fault position of its own in the power-loss and fault sweeps.
        _output.Flush();
        if (save.Base is { } deltaBase) WriteDeltaBlocks(save.Snapshot, deltaBase, save.Header);
        else WriteFullBlocks(save.Snapshot, save.Header);

        _output.Flush();
        var headerBytes = MemoryPackSerializer.Serialize(save.Header);
        _output.Append(headerBytes);
        _output.Flush();
        var fileLength = _output.Position + SaveFormat.TrailerBytes;
        SaveFormat.WriteTrailer(_output.Reserve(SaveFormat.TrailerBytes), headerBytes.Length, XxHash3.HashToUInt64(headerBytes), fileLength);
        _output.Advance(SaveFormat.TrailerBytes);
        _output.End();
        if (save.Base is null) NoteFullSave(fileLength, save.Snapshot.RawBytes);
        var streamTime = _output.WriteTime;
        return new EncodedSave(save.Header, fileLength, Stopwatch.GetElapsedTime(start) - streamTime, streamTime);
    }

    private void WriteFullBlocks(WorldSnapshot snapshot, SaveHeader header)
    {
        snapshot.ReleaseIdleSideBuffer(); // its pages are not resident beside this save's encode
        long position = 0;
        foreach (var column in snapshot.Columns)
        {
            var saved = NewColumn(column.Definition);
            for (var b = 0; b < column.BufferCount; b++)
            {
                var raw = column.Buffer(b);
                var buffer = new SavedBuffer { RawLength = raw.Length };
                var blockSize = SaveFormat.MaxBlockRawBytes / UnitSize(column.Definition, b) * UnitSize(column.Definition, b);
                for (var start = 0; start < raw.Length; start += blockSize)
                {
                    var block = raw.Slice(start, Math.Min(blockSize, raw.Length - start));
                    buffer.Blocks.Add(EncodeBlock(_compressor, block, ScalarSize(column.Definition, b), MaxRatio(column.Definition, b), ref position));
                }

                saved.Buffers.Add(buffer);
            }

            header.Columns.Add(saved);
        }
    }

    /// <summary>
    /// Prepares <paramref name="snapshot"/> as a delta against the save <paramref name="deltaBase"/> holds, from the
    /// difference the capture recorded (<see cref="WorldSnapshot.HasDifference"/>): only the chunks the capture
    /// copied are looked at, cut into blocks of at most <see cref="SaveFormat.MaxDeltaBlockRawBytes"/>; blocks whose
    /// difference is all zeros are left out, the others stored as (new XOR base), compressed at the options'
    /// <see cref="SaveCodecOptions.DeltaLevel"/> (shuffled only if <see cref="SaveCodecOptions.DeltaShuffle"/>).
    /// Unchanged chunks are never read. Encoded as <see cref="PendingSave.WriteTo"/> writes it; valid until the next call.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is not the capture right after the base (take a full save instead).</exception>
    /// <param name="snapshot">The state to save.</param>
    /// <param name="deltaBase">The save the delta is based on (its buffer is the snapshot's).</param>
    /// <param name="worldName">The world's name (header).</param>
    /// <param name="kind">"auto" or "manual".</param>
    /// <param name="label">A manual save's label, or empty.</param>
    /// <param name="writer">The program writing the save.</param>
    /// <param name="sequence">The save's place in its world's history (<see cref="SaveHeader.Sequence"/>; 0: none).</param>
    /// <param name="worldId">The world's id (<see cref="SaveHeader.WorldId"/>; empty: none).</param>
    public PendingSave PrepareDelta(WorldSnapshot snapshot, DeltaBase deltaBase, string worldName, string kind, string label, string writer = "GameServer", long sequence = 0, Guid worldId = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(deltaBase);
        if (!deltaBase.CanBase(snapshot))
            throw new ArgumentException("the snapshot holds no difference against this base (another buffer, a later fill, or other columns): take a full save", nameof(deltaBase));
        var header = NewHeader(snapshot, worldName, kind, label, writer, sequence, worldId);
        header.Codec = _options.DescribeDelta();
        header.BaseSaveId = deltaBase.SaveId;
        header.BaseFileName = deltaBase.FileName;
        header.ChainIndex = deltaBase.ChainIndex + 1;
        var changed = snapshot.Difference.Length;
        return _prepared = new PendingSave(this, snapshot, deltaBase, header, changed + TableBytes(changed, SaveFormat.MaxDeltaBlockRawBytes));
    }

    private void WriteDeltaBlocks(WorldSnapshot snapshot, DeltaBase deltaBase, SaveHeader header)
    {
        if (!deltaBase.CanBase(snapshot)) throw new InvalidOperationException("the delta's base moved since it was prepared");
        var difference = snapshot.Difference;
        long position = 0;
        foreach (var column in snapshot.Columns)
        {
            var saved = NewColumn(column.Definition);
            for (var b = 0; b < column.BufferCount; b++)
            {
                var buffer = new SavedBuffer { RawLength = column.Buffer(b).Length };
                var unit = UnitSize(column.Definition, b);
                var blockSize = SaveFormat.MaxDeltaBlockRawBytes / unit * unit;
                foreach (var range in column.ChangedRanges(b))
                {
                    for (var start = 0; start < range.Length; start += blockSize)
                    {
                        var block = difference.Slice(range.DifferenceOffset + start, Math.Min(blockSize, range.Length - start));
                        // Variable-length data keeps even unchanged blocks of its changed runs, so the bytes it grows by
                        // are always stored and within the decode ratio the reader allows.
                        var maxRatio = MaxRatio(column.Definition, b);
                        if (maxRatio == 0 && !block.ContainsAnyExcept((byte)0)) continue; // written, but to the same bytes
                        var scalar = _options.DeltaShuffle ? ScalarSize(column.Definition, b) : 1;
                        var entry = EncodeBlock(_deltaCompressor, block, scalar, maxRatio, ref position);
                        entry.BufferOffset = range.Offset + start;
                        buffer.Blocks.Add(entry);
                    }
                }

                saved.Buffers.Add(buffer);
            }

            header.Columns.Add(saved);
        }
    }

    // Room the block table and fixed parts can take: generous per block (an entry takes under 64 bytes) plus the columns and strings.
    private static long TableBytes(long rawBytes, int blockBytes) =>
        (((rawBytes / blockBytes) + 64) * 128) + 4096 + SaveFormat.PreambleBytes + SaveFormat.TrailerBytes;

    private SaveHeader NewHeader(WorldSnapshot snapshot, string worldName, string kind, string label, string writer, long sequence, Guid worldId) =>
        new()
        {
            WorldName = worldName,
            Tick = snapshot.Tick,
            CapturedAtUtcTicks = snapshot.CapturedAtUtc.Ticks,
            EntityCount = snapshot.Count,
            NextId = snapshot.NextId,
            Kind = kind,
            Label = label,
            Codec = _options.Describe(),
            Writer = writer,
            SaveId = Guid.NewGuid(),
            Sequence = sequence,
            WorldId = worldId,
        };

    private static SavedColumn NewColumn(ColumnDefinition definition) => new()
    {
        Name = definition.Name,
        Type = (byte)definition.Type,
        ElementSize = definition.ElementSize,
        DefaultValue = definition.DefaultValue,
    };

    private static int ScalarSize(ColumnDefinition definition, int buffer) =>
        definition.IsVariableLength ? (buffer == 0 ? sizeof(int) : 1) : ColumnTypes.ScalarSize(definition.Type, definition.ElementSize);

    /// <inheritdoc />
    public void Dispose()
    {
        _compressor?.Dispose();
        _deltaCompressor?.Dispose();
    }

    /// <summary>The decode ratio a block of this buffer must stay within (0: none): a variable-length data buffer's, which the reader enforces.</summary>
    private static int MaxRatio(ColumnDefinition definition, int buffer) =>
        definition.IsVariableLength && buffer == 1 ? SaveFormat.MaxVariableLengthDecodeRatio : 0;

    private BlockEntry EncodeBlock(Compressor? compressor, ReadOnlySpan<byte> raw, int scalar, int maxRatio, ref long position)
    {
        var entry = new BlockEntry { Offset = position, RawLength = raw.Length };
        var target = _output.Reserve(Math.Max(raw.Length, Compressor.GetCompressBound(raw.Length)));
        var stored = 0;
        if (compressor is not null)
        {
            var input = raw;
            if (_options.Shuffle && scalar > 1)
            {
                ByteShuffle.Shuffle(raw, _shuffled, scalar);
                input = _shuffled.AsSpan(0, raw.Length);
                entry.Filter = BlockFilter.Shuffle;
                entry.FilterParameter = scalar;
            }

            stored = compressor.Wrap(input, target);
            entry.Codec = BlockCodec.Zstd;
            if (stored >= raw.Length || (maxRatio > 0 && raw.Length > (long)stored * maxRatio))
            {
                // Incompressible (random-looking) data: keep it raw rather than pay to inflate it. Data of one
                // repeated value that compresses past the allowed ratio is kept raw too, so the reader accepts it.
                stored = 0;
                entry.Filter = BlockFilter.None;
                entry.FilterParameter = 0;
            }
        }

        if (stored == 0)
        {
            raw.CopyTo(target);
            stored = raw.Length;
            entry.Codec = BlockCodec.None;
        }

        entry.StoredLength = stored;
        entry.Checksum = XxHash3.HashToUInt64(target[..stored]);
        _output.Advance(stored);
        position += stored;
        return entry;
    }

    private static int UnitSize(ColumnDefinition definition, int buffer) =>
        definition.IsVariableLength ? (buffer == 0 ? sizeof(int) : 1) : definition.ElementSize;
}
