namespace GameServer.World.Snapshots;

/// <summary>
/// Copies a world into a snapshot between ticks: everything on a fresh or foreign buffer, otherwise only
/// the chunks marked after the snapshot's last capture. Either way the result is byte-identical to a full copy.
/// </summary>
/// <remarks>Runs on the tick thread; allocates only when the schema changes or the world outgrows the buffers.</remarks>
internal static class SnapshotCapture
{
    public static void Capture(World world, WorldSnapshot snapshot, DateTime utcNow)
    {
        if (!ReferenceEquals(snapshot.Schema, world.Schema)) snapshot.SetSchema(world.Schema);
        var full = snapshot.SourceInstanceId != world.InstanceId;
        var since = snapshot.SourceStamp;
        long copied = 0;
        var columns = world.Columns;
        var target = snapshot.Columns;
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var into = target[c];
            for (var b = 0; b < column.BufferCount; b++)
            {
                var source = column.BufferBytes(b);
                var buffer = into.Resize(b, source.Length, out var reallocated);
                if (full || reallocated)
                {
                    source.CopyTo(buffer);
                    copied += source.Length;
                }
                else
                {
                    copied += CopyChangedChunks(source, buffer, column.Marks(b), since);
                }
            }
        }

        snapshot.Count = world.Count;
        snapshot.Tick = world.Tick;
        snapshot.NextId = world.NextId;
        snapshot.CapturedAtUtc = utcNow;
        snapshot.SourceInstanceId = world.InstanceId;
        snapshot.SourceStamp = world.Stamp;
        snapshot.LastCopiedBytes = copied;
        snapshot.LastCaptureWasFull = full;
        world.CompleteCapture();
    }

    /// <summary>Copies runs of consecutive chunks stamped after <paramref name="since"/>; returns bytes copied.</summary>
    private static long CopyChangedChunks(ReadOnlySpan<byte> source, byte[] target, Columns.ChunkMarks marks, long since)
    {
        var chunkBytes = marks.ChunkBytes;
        var chunks = (source.Length + chunkBytes - 1) / chunkBytes;
        var stamps = marks.Stamps.AsSpan(0, chunks);
        long copied = 0;
        var i = 0;
        while (i < chunks)
        {
            if (stamps[i] <= since)
            {
                i++;
                continue;
            }

            var first = i;
            while (i < chunks && stamps[i] > since) i++;
            var start = first * chunkBytes;
            var end = Math.Min(i * chunkBytes, source.Length);
            source[start..end].CopyTo(target.AsSpan(start));
            copied += end - start;
        }

        return copied;
    }
}
