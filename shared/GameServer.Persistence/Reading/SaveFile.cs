using System.Buffers;
using System.IO.Hashing;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.World.Schema;
using GameServer.World.Snapshots;
using ZstdSharp;

namespace GameServer.Persistence.Reading;

/// <summary>
/// An open save: the validated header, and block-by-block access to column data. The one decoder of the
/// format: the server, the loader and the inspector all read through it, from any <see cref="ISaveStore"/>.
/// </summary>
/// <remarks>
/// Trusts nothing: every length, count and offset is checked against the save and hard caps before
/// anything is allocated; decompressed sizes are bounded by the header. Every problem surfaces as a
/// <see cref="SaveFormatException"/> naming the save's location, the offset and the reason. Reads are
/// synchronous random-access reads of the store's handle (off the tick thread). Not thread-safe.
/// </remarks>
public sealed class SaveFile : IDisposable
{
    private readonly ISaveReadHandle _handle;
    private readonly long _dataStart;
    private byte[] _stored = [];
    private byte[] _unfiltered = [];
    private Decompressor? _decompressor;

    private SaveFile(ISaveReadHandle handle, SaveLayout layout, SaveHeader header, WorldSchema schema)
    {
        _handle = handle;
        Layout = layout;
        Header = header;
        Schema = schema;
        _dataStart = layout.DataOffset;
    }

    /// <summary>The save's name in its store.</summary>
    public string Name => _handle.Name;

    /// <summary>Where the save is, for messages (its full path in a folder store).</summary>
    public string Location => _handle.Location;

    /// <summary>Where the file's parts are (header, data section), as its preamble and trailer say.</summary>
    public SaveLayout Layout { get; }

    /// <summary>Length of the file in bytes.</summary>
    public long FileLength => Layout.FileLength;

    /// <summary>Format version the file was written with.</summary>
    public int FormatVersion => Layout.Version;

    /// <summary>Length of the serialized header.</summary>
    public int HeaderLength => Layout.HeaderLength;

    /// <summary>Where the data section starts: block offsets count from here.</summary>
    public long DataOffset => Layout.DataOffset;

    /// <summary>The validated header.</summary>
    public SaveHeader Header { get; }

    /// <summary>The saved world's schema, rebuilt from the header.</summary>
    public WorldSchema Schema { get; }

    /// <summary>Opens save <paramref name="name"/> of <paramref name="store"/> and validates preamble, trailer and header (not the blocks).</summary>
    /// <exception cref="SaveFormatException">The save is missing, unreadable, truncated or not a valid save.</exception>
    public static async Task<SaveFile> OpenAsync(ISaveStore store, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(name);
        ISaveReadHandle handle;
        try
        {
            handle = await store.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw SaveFormatException.NotFound(store.LocationOf(name), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SaveFormatException(store.LocationOf(name), $"cannot open: {e.Message}", e);
        }

        return Open(handle);
    }

    /// <summary>Validates preamble, trailer and header of the save open in <paramref name="handle"/>, which the result then owns.</summary>
    /// <exception cref="SaveFormatException">The save is unreadable, truncated or not a valid save (the handle is disposed).</exception>
    public static SaveFile Open(ISaveReadHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        try
        {
            return Read(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Decodes the whole save into a detached snapshot, verifying every block checksum.</summary>
    /// <exception cref="SaveFormatException">The save is damaged, or is a delta (which needs its chain: <see cref="SaveLoader.LoadAsync"/>).</exception>
    public WorldSnapshot ReadSnapshot()
    {
        RequireFull();
        var snapshot = WorldSnapshot.CreateDetached(Schema, Header.EntityCount, Header.Tick, Header.CapturedAtUtc, Header.NextId);
        for (var c = 0; c < Header.Columns.Count; c++)
        {
            var column = snapshot.Columns[c];
            for (var b = 0; b < column.BufferCount; b++)
            {
                var saved = Header.Columns[c].Buffers[b];
                ReadBuffer(c, b, column.PrepareBuffer(b, checked((int)saved.RawLength)));
            }

            if (column.Definition.IsVariableLength)
            {
                try
                {
                    column.ValidateOffsets(Header.EntityCount);
                }
                catch (InvalidDataException e)
                {
                    throw Fail(_dataStart + Header.Columns[c].Buffers[0].Blocks.FirstOrDefault()?.Offset ?? _dataStart, e.Message);
                }
            }
        }

        return snapshot;
    }

    /// <summary>Decodes buffer <paramref name="buffer"/> of column <paramref name="column"/> into <paramref name="destination"/>.</summary>
    public void ReadBuffer(int column, int buffer, Span<byte> destination)
    {
        RequireFull();
        var position = 0;
        foreach (var block in Header.Columns[column].Buffers[buffer].Blocks)
        {
            ReadBlock(block, destination.Slice(position, block.RawLength));
            position += block.RawLength;
        }
    }

    /// <summary>Reads, verifies and decodes one block into <paramref name="destination"/> (exactly its raw length).</summary>
    public void ReadBlock(BlockEntry block, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(block);
        Decode(block, destination, xorOnto: false);
    }

    // Reads, verifies and decodes one block into destination, or (xorOnto) XORs its decoded bytes onto it: the
    // last step (unshuffle, or a plain copy) then XORs as it writes, so a delta needs no second pass.
    private void Decode(BlockEntry block, Span<byte> destination, bool xorOnto)
    {
        var stored = ReadStored(block);
        var fileOffset = _dataStart + block.Offset;
        try
        {
            var lastStep = block.Filter == BlockFilter.Shuffle || (xorOnto && block.Codec != BlockCodec.None);
            var decodeInto = lastStep ? Scratch(ref _unfiltered, block.RawLength) : destination;
            if (block.Codec == BlockCodec.None)
            {
                if (!lastStep && xorOnto) BlockXor.Apply(stored, destination[..block.RawLength]);
                else stored.CopyTo(decodeInto);
            }
            else
            {
                _decompressor ??= new Decompressor();
                var written = _decompressor.Unwrap(stored, decodeInto[..block.RawLength]);
                if (written != block.RawLength)
                    throw Fail(fileOffset, $"block decompressed to {written} bytes, header says {block.RawLength}");
            }

            if (block.Filter == BlockFilter.Shuffle && xorOnto)
                ByteShuffle.UnshuffleXor(decodeInto[..block.RawLength], destination, block.FilterParameter);
            else if (block.Filter == BlockFilter.Shuffle)
                ByteShuffle.Unshuffle(decodeInto[..block.RawLength], destination, block.FilterParameter);
            else if (lastStep)
                BlockXor.Apply(decodeInto[..block.RawLength], destination[..block.RawLength]);
        }
        catch (ZstdException e)
        {
            throw Fail(fileOffset, $"block does not decompress: {e.Message}");
        }
    }

    /// <summary>
    /// XORs each of this delta's blocks of buffer <paramref name="buffer"/> of column <paramref name="column"/>
    /// onto <paramref name="target"/>: the base's bytes of that buffer, already cut or zero-extended to this
    /// save's raw length, which then hold this save's bytes. In place: each block is decompressed into one block of
    /// scratch and unshuffled straight onto the target (<see cref="ByteShuffle.UnshuffleXor(ReadOnlySpan{byte}, Span{byte}, int)"/>).
    /// </summary>
    /// <exception cref="SaveFormatException">This is not a delta, the target has the wrong length, or a block is damaged.</exception>
    public void ApplyDeltaBlocks(int column, int buffer, Span<byte> target)
    {
        if (!Header.IsDelta) throw Fail(SaveFormat.PreambleBytes, "not a delta save");
        var saved = Header.Columns[column].Buffers[buffer];
        if (target.Length != saved.RawLength)
            throw Fail(SaveFormat.PreambleBytes, $"column '{Header.Columns[column].Name}' buffer {buffer}: the target holds {target.Length} bytes, the delta {saved.RawLength}");
        foreach (var block in saved.Blocks)
            Decode(block, target.Slice(checked((int)block.BufferOffset), block.RawLength), xorOnto: true);
    }

    /// <summary>Whether <paramref name="schema"/> has this save's columns (names, types, sizes, defaults), in order.</summary>
    public bool SchemaMatches(WorldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return SchemaComparison.SameColumns(Schema, schema);
    }

    /// <summary>Checks every block's checksum against its stored bytes without decompressing.</summary>
    public void VerifyChecksums()
    {
        foreach (var column in Header.Columns)
        {
            foreach (var buffer in column.Buffers)
            {
                foreach (var block in buffer.Blocks) ReadStored(block);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _decompressor?.Dispose();
        _handle.Dispose();
        Release(ref _stored);
        Release(ref _unfiltered);
    }

    private ReadOnlySpan<byte> ReadStored(BlockEntry block)
    {
        var fileOffset = _dataStart + block.Offset;
        var stored = Scratch(ref _stored, block.StoredLength);
        ReadExactly(_handle, fileOffset, stored);
        if (XxHash3.HashToUInt64(stored) != block.Checksum)
            throw Fail(fileOffset, "block checksum mismatch (the data is damaged)");
        return stored;
    }

    private SaveFormatException Fail(long offset, string reason) => new(Location, offset, reason);

    /// <summary>
    /// A delta's variable-length data buffer (buffer 1 of column <paramref name="column"/>) may outgrow its base's
    /// <paramref name="baseLength"/> bytes only by what its blocks can decode to
    /// (<see cref="SaveFormat.MaxVariableLengthDecodeRatio"/> times their stored bytes): checked before the chain's buffer is allocated.
    /// </summary>
    /// <exception cref="SaveFormatException">It grows by more.</exception>
    internal void RequireBoundedGrowth(int column, long baseLength)
    {
        var saved = Header.Columns[column].Buffers[1];
        long stored = 0;
        foreach (var block in saved.Blocks) stored += block.StoredLength;
        var growth = saved.RawLength - baseLength;
        if (growth > stored * SaveFormat.MaxVariableLengthDecodeRatio)
            throw Fail(SaveFormat.PreambleBytes, $"column '{Header.Columns[column].Name}' grows by {growth} bytes over its base, more than {SaveFormat.MaxVariableLengthDecodeRatio}x the {stored} bytes its blocks store (a decompression bomb?)");
    }

    /// <summary>
    /// A delta may add rows to its base's <paramref name="baseCount"/> only with the id of each added row among its
    /// blocks (ids are never 0, so a legitimate delta always stores them): the rows a chain allocates are then bounded
    /// by the delta's file (<see cref="SaveFormat.MaxDecodeRatio"/>), not by the entity count its header claims.
    /// Checked before the chain's buffers are allocated.
    /// </summary>
    /// <exception cref="SaveFormatException">Added rows' ids are not all among the delta's blocks.</exception>
    internal void RequireBackedRows(int baseCount)
    {
        var ids = Header.Columns[0].Buffers[0];
        var from = (long)baseCount * sizeof(long);
        var to = ids.RawLength;
        if (to <= from) return;
        long covered = 0;
        foreach (var block in ids.Blocks)
            covered += Math.Max(0, Math.Min(to, block.BufferOffset + block.RawLength) - Math.Max(from, block.BufferOffset));
        if (covered != to - from)
            throw Fail(SaveFormat.PreambleBytes, $"adds {Header.EntityCount - baseCount} entities to its base's {baseCount}, but its blocks hold only {covered} of the {to - from} id bytes they need (a forged entity count?)");
    }

    private void RequireFull()
    {
        if (Header.IsDelta)
            throw Fail(SaveFormat.PreambleBytes, $"is a delta save (chain index {Header.ChainIndex}) against {Header.BaseFileName}: it is read through its chain (SaveLoader, or saveinspect compact)");
    }

    // Sized by the blocks actually read (a delta's are at most 64 KiB) and pooled: retention verifies every new
    // save, and a fresh 1 MiB array per full save was large-object garbage that no gen-2 collection came to take
    // for minutes, so it piled up in the server's resident memory.
    private static Span<byte> Scratch(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Release(ref buffer);
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, SaveFormat.MaxDeltaBlockRawBytes));
        }

        return buffer.AsSpan(0, length);
    }

    private static void Release(ref byte[] buffer)
    {
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private static SaveFile Read(ISaveReadHandle handle)
    {
        var path = handle.Location;
        long length;
        try
        {
            length = handle.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SaveFormatException(path, $"cannot read: {e.Message}", e);
        }

        Span<byte> preamble = stackalloc byte[SaveFormat.PreambleBytes];
        Span<byte> tail = stackalloc byte[SaveLayout.TailBytes];
        if (length >= SaveFormat.PreambleBytes + SaveFormat.LegacyTrailerBytes)
        {
            ReadExactly(handle, 0, preamble);
            ReadExactly(handle, length - SaveLayout.TailBytes, tail);
        }

        var layout = SaveLayout.Read(path, length, preamble, tail);
        var headerBytes = new byte[layout.HeaderLength];
        ReadExactly(handle, layout.HeaderOffset, headerBytes);
        if (XxHash3.HashToUInt64(headerBytes) != layout.HeaderChecksum)
            throw new SaveFormatException(path, layout.HeaderOffset, "header checksum mismatch (the header is damaged)");

        SaveHeader? header;
        try
        {
            header = SaveHeaderSerializer.Deserialize(headerBytes);
        }
        catch (MalformedHeaderException e)
        {
            throw new SaveFormatException(path, layout.HeaderOffset + e.Offset, $"header is malformed: {e.Message}", e);
        }

        if (header is null) throw new SaveFormatException(path, layout.HeaderOffset, "header is empty");
        var schema = SaveHeaderValidation.Validate(path, header, layout);
        return new SaveFile(handle, layout, header, schema);
    }

    private static void ReadExactly(ISaveReadHandle handle, long offset, Span<byte> destination)
    {
        try
        {
            var total = 0;
            while (total < destination.Length)
            {
                var n = handle.Read(offset + total, destination[total..]);
                if (n == 0) throw new SaveFormatException(handle.Location, offset + total, "unexpected end of file (truncated?)");
                total += n;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // EACCES comes as UnauthorizedAccessException: a read error all the same, so load falls back past the file.
            throw new SaveFormatException(handle.Location, offset, $"cannot read: {e.Message}", e);
        }
    }
}
