using GameServer.World.Columns;

namespace GameServer.World.Snapshots;

/// <summary>
/// What a deferred capture still owes one column buffer: the chunks stamped after the snapshot's previous
/// fill (<see cref="Since"/>) and not written since the capture point (<see cref="Stamp"/>). A chunk whose
/// stamp is above <see cref="Stamp"/> was written after the capture point, so it was copied by the barrier
/// first (or did not need copying at all): the stamps themselves say what is left, no extra bitmap.
/// </summary>
/// <remarks>Tick thread only. One per snapshot buffer, reused across captures (no allocation per capture).</remarks>
internal sealed class PendingCopy
{
    private IChunkSource _source = null!;
    private ChunkMarks _marks = null!;
    private byte[] _target = [];
    private int _buffer;
    private int _length;
    private int _chunks;
    private int _cursor;

    /// <summary>Chunks stamped at or below this were captured by the previous fill of the target.</summary>
    public long Since { get; private set; }

    /// <summary>The capture point: chunks stamped above it were written after capture.</summary>
    public long Stamp { get; private set; }

    /// <summary>Bytes copied into the target for this capture so far.</summary>
    public long Copied { get; private set; }

    public bool Done => _cursor >= _chunks;

    public void Begin(IChunkSource source, int buffer, ChunkMarks marks, byte[] target, int length, long since, long stamp, bool barrier)
    {
        _source = source;
        _buffer = buffer;
        _marks = marks;
        _target = target;
        _length = length;
        _chunks = (length + marks.ChunkBytes - 1) / marks.ChunkBytes;
        _cursor = 0;
        Since = since;
        Stamp = stamp;
        Copied = 0;
        if (barrier) marks.Pending = this;
    }

    /// <summary>The write barrier: copies chunk <paramref name="chunk"/> now if the capture still needs it.</summary>
    public void BeforeWrite(int chunk)
    {
        if (chunk < _chunks && Owed(_marks.Stamps[chunk]))
        {
            var start = chunk * _marks.ChunkBytes;
            CopyRange(start, Math.Min(start + _marks.ChunkBytes, _length));
        }
    }

    /// <summary>Copies owed chunks from the cursor on, up to <paramref name="budget"/> bytes; true when nothing is owed.</summary>
    public bool Continue(ref long budget)
    {
        var stamps = _marks.Stamps;
        var chunkBytes = _marks.ChunkBytes;
        while (_cursor < _chunks && budget > 0)
        {
            if (!Owed(stamps[_cursor]))
            {
                _cursor++;
                continue;
            }

            // One copy per run of owed chunks, as long as the budget lasts.
            var first = _cursor;
            var room = budget;
            while (_cursor < _chunks && room > 0 && Owed(stamps[_cursor]))
            {
                room -= chunkBytes;
                _cursor++;
            }

            budget -= CopyRange(first * chunkBytes, Math.Min(_cursor * chunkBytes, _length));
        }

        if (_cursor < _chunks) return false;
        if (ReferenceEquals(_marks.Pending, this)) _marks.Pending = null;
        return true;
    }

    /// <summary>Detaches from the column without finishing (the snapshot is being abandoned).</summary>
    public void Abandon()
    {
        if (ReferenceEquals(_marks?.Pending, this)) _marks.Pending = null;
        _cursor = _chunks;
    }

    private bool Owed(long stamp) => stamp > Since && stamp <= Stamp;

    private int CopyRange(int start, int end)
    {
        _source.BackingBytes(_buffer)[start..end].CopyTo(_target.AsSpan(start));
        Copied += end - start;
        return end - start;
    }
}
