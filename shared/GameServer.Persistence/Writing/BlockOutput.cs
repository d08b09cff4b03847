using System.Diagnostics;
using GameServer.Persistence.Format;
using ZstdSharp;

namespace GameServer.Persistence.Writing;

/// <summary>
/// A save file's bytes on their way to the store: one bounded chunk, written out in 1 MiB writes whenever the next
/// block might not fit, so a save of any size holds only a few MiB of output in memory (format 3 puts the header
/// after the data, so nothing waits for the last block).
/// </summary>
/// <remarks>Owned by one encoder and reused from save to save: the chunk is allocated once, never per save.</remarks>
internal sealed class BlockOutput
{
    /// <summary>Bytes gathered before they are written out (a few 1 MiB writes each time).</summary>
    public const int ChunkBytes = 4 << 20;

    private static readonly int LargestBlockBytes = Compressor.GetCompressBound(SaveFormat.MaxBlockRawBytes);
    private byte[] _chunk = [];
    private Stream? _stream;
    private int _used;

    /// <summary>Bytes of the file so far: written out and still in the chunk.</summary>
    public long Position { get; private set; }

    /// <summary>Time spent in the stream's writes since <see cref="Begin"/>: the store's share of the save's time.</summary>
    public TimeSpan WriteTime { get; private set; }

    /// <summary>Starts a file written to <paramref name="stream"/>.</summary>
    public void Begin(Stream stream)
    {
        if (_chunk.Length == 0) _chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes + LargestBlockBytes);
        _stream = stream;
        _used = 0;
        Position = 0;
        WriteTime = TimeSpan.Zero;
    }

    /// <summary>Room for up to <paramref name="maxBytes"/> (at most one block's compression bound) at the file's end; <see cref="Advance"/> says how many were used.</summary>
    public Span<byte> Reserve(int maxBytes)
    {
        if (_used + maxBytes > _chunk.Length) Flush();
        return _chunk.AsSpan(_used, maxBytes);
    }

    /// <summary>The first <paramref name="bytes"/> of the last <see cref="Reserve"/> are the file's next bytes.</summary>
    public void Advance(int bytes)
    {
        _used += bytes;
        Position += bytes;
    }

    /// <summary>Adds <paramref name="bytes"/> of any length at the file's end.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (_used == _chunk.Length) Flush();
            var n = Math.Min(bytes.Length, _chunk.Length - _used);
            bytes[..n].CopyTo(_chunk.AsSpan(_used));
            Advance(n);
            bytes = bytes[n..];
        }
    }

    /// <summary>Writes out what the chunk holds and lets go of the stream.</summary>
    public void End()
    {
        Flush();
        _stream = null;
    }

    /// <summary>Writes out what the chunk holds now (nothing when it is empty).</summary>
    public void Flush()
    {
        var stream = _stream ?? throw new InvalidOperationException("no file begun");
        var start = Stopwatch.GetTimestamp();
        // In 1 MiB writes: one huge write() is markedly slower into a cold page cache here.
        for (var offset = 0; offset < _used; offset += SaveFormat.MaxBlockRawBytes)
            stream.Write(_chunk, offset, Math.Min(SaveFormat.MaxBlockRawBytes, _used - offset));
        WriteTime += Stopwatch.GetElapsedTime(start);
        _used = 0;
    }
}
