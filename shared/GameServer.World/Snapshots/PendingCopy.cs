using GameServer.World.Columns;

namespace GameServer.World.Snapshots;

/// <summary>
/// What a deferred capture still owes one column buffer, chunk by chunk. At the capture point each chunk
/// is marked owed (stamped after the snapshot buffer's previous fill) or done. Any thread may then copy
/// owed chunks (<see cref="Continue"/>: the autosave thread, while the game sleeps between ticks); the
/// tick thread's write barrier (<see cref="BeforeWrite"/>) copies, or waits for, a chunk before changing it.
/// A compare-and-swap per chunk decides who copies it, so each owed chunk is copied exactly once, always
/// before its first write after the capture point.
/// </summary>
/// <remarks>One per snapshot buffer, reused across captures: no allocation unless the world grew.</remarks>
internal sealed class PendingCopy
{
    private const int Owed = 0;
    private const int Copying = 1;
    private const int Done = 2;

    private IChunkSource _source = null!;
    private ChunkMarks _marks = null!;
    private byte[] _target = [];
    private int[] _claims = [];
    private int _buffer;
    private int _length;
    private int _chunkBytes;
    private int _chunks;
    private long _copied;
    private long _since;
    private bool _exclusive;

    /// <summary>Bytes copied into the target for this capture so far.</summary>
    public long Copied => Interlocked.Read(ref _copied);

    /// <summary>Fixes what is owed (tick thread, at the capture point) and, for a deferred capture, arms the barrier.</summary>
    public void Begin(IChunkSource source, int buffer, ChunkMarks marks, byte[] target, int length, long since, bool barrier)
    {
        _source = source;
        _buffer = buffer;
        _marks = marks;
        _target = target;
        _length = length;
        _chunkBytes = marks.ChunkBytes;
        _chunks = (length + _chunkBytes - 1) / _chunkBytes;
        _copied = 0;
        _since = since;

        // A synchronous capture copies everything before the world changes again: no claims needed.
        _exclusive = !barrier;
        if (_exclusive) return;
        if (_claims.Length < _chunks) _claims = new int[Math.Max(_chunks, _claims.Length * 2)];
        var stamps = marks.Stamps;
        for (var c = 0; c < _chunks; c++) _claims[c] = stamps[c] > since ? Owed : Done;
        Volatile.Write(ref marks.PendingField, this);
    }

    /// <summary>The write barrier (tick thread): the chunk is copied, by whoever claims it first, before it changes.</summary>
    public void BeforeWrite(int chunk)
    {
        if (chunk >= _chunks || Volatile.Read(ref _claims[chunk]) == Done) return;
        if (Interlocked.CompareExchange(ref _claims[chunk], Copying, Owed) == Owed) CopyClaimed(chunk, chunk + 1);
        else WaitDone(chunk);
    }

    /// <summary>
    /// Copies owed chunks (any thread) until <paramref name="budget"/> bytes are spent; true once every
    /// chunk is copied, including those another thread was copying.
    /// </summary>
    public bool Continue(ref long budget)
    {
        if (_exclusive) return ContinueExclusive(ref budget);
        var c = 0;
        while (c < _chunks && budget > 0)
        {
            if (Volatile.Read(ref _claims[c]) != Owed || Interlocked.CompareExchange(ref _claims[c], Copying, Owed) != Owed)
            {
                c++;
                continue;
            }

            // Claim a run of owed chunks and copy it in one call.
            var first = c++;
            var room = budget - _chunkBytes;
            while (c < _chunks && room > 0 && Interlocked.CompareExchange(ref _claims[c], Copying, Owed) == Owed)
            {
                room -= _chunkBytes;
                c++;
            }

            budget -= CopyClaimed(first, c);
        }

        if (c < _chunks) return false;
        for (var chunk = 0; chunk < _chunks; chunk++) WaitDone(chunk);
        Detach();
        return true;
    }

    /// <summary>Disarms the barrier (capture complete or abandoned).</summary>
    public void Detach()
    {
        if (_marks is not null) Interlocked.CompareExchange(ref _marks.PendingField, null, this);
    }

    /// <summary>The synchronous path: one copy per run of chunks stamped after the previous fill.</summary>
    private bool ContinueExclusive(ref long budget)
    {
        var stamps = _marks.Stamps;
        var c = 0;
        while (c < _chunks)
        {
            if (stamps[c] <= _since)
            {
                c++;
                continue;
            }

            var first = c;
            while (c < _chunks && stamps[c] > _since) c++;
            var start = first * _chunkBytes;
            var end = Math.Min(c * _chunkBytes, _length);
            _source.BackingBytes(_buffer)[start..end].CopyTo(_target.AsSpan(start));
            _copied += end - start;
            budget -= end - start;
        }

        return true;
    }

    private int CopyClaimed(int firstChunk, int endChunk)
    {
        var start = firstChunk * _chunkBytes;
        var end = Math.Min(endChunk * _chunkBytes, _length);
        _source.BackingBytes(_buffer)[start..end].CopyTo(_target.AsSpan(start));
        Interlocked.Add(ref _copied, end - start);
        for (var c = firstChunk; c < endChunk; c++) Volatile.Write(ref _claims[c], Done);
        return end - start;
    }

    private void WaitDone(int chunk)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _claims[chunk]) != Done) spin.SpinOnce();
    }
}
