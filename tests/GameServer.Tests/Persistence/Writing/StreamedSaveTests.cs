using System.Buffers.Binary;
using GameServer.Persistence.Format;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Persistence.Writing;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Persistence.Writing;

/// <summary>Format 3: a save is streamed to the store block by block (header after the data), through one bounded chunk.</summary>
[CancelAfter(120_000)]
public class StreamedSaveTests
{
    [Test]
    public void A_full_save_streams_through_a_bounded_chunk_so_the_encoder_keeps_no_save_sized_output()
    {
        var world = TestWorlds.Populated(400_000, seed: 6);
        using var snapshot = TestWorlds.FullCopy(world);
        Assert.That(snapshot.RawBytes, Is.GreaterThan(20L << 20), "a save far larger than the chunk");
        using var encoder = new SnapshotEncoder();
        var output = new WriteSizes();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var encoded = encoder.PrepareFull(snapshot, "w", "auto", "").WriteTo(output);

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(encoder);
        Assert.That(retained, Is.LessThan(BlockOutput.ChunkBytes + (3L << 20)), "the encoder keeps one chunk of a few MiB, not an array the size of the save");
        Assert.That(output.Total, Is.EqualTo(encoded.FileLength));
        Assert.That(output.Largest, Is.LessThanOrEqualTo(SaveFormat.MaxBlockRawBytes), "written in 1 MiB writes");
        Assert.That(output.Count, Is.GreaterThan(encoded.FileLength / BlockOutput.ChunkBytes), "written out as it was encoded, chunk by chunk");
    }

    [Test]
    public void A_save_has_its_data_first_then_its_header_with_the_header_length_in_the_trailer_and_loads()
    {
        var world = TestWorlds.Populated(2_000, seed: 3);
        using var snapshot = TestWorlds.FullCopy(world);
        using var encoder = new SnapshotEncoder();

        var bytes = encoder.PrepareFull(snapshot, "w", "auto", "").ToArray();

        var layout = SaveLayout.Of(bytes);
        Assert.That(layout.Version, Is.EqualTo(3));
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)), Is.Zero, "the preamble holds no header length");
        Assert.That(layout.DataOffset, Is.EqualTo(SaveFormat.PreambleBytes));
        Assert.That(layout.HeaderOffset, Is.EqualTo(layout.DataOffset + layout.DataLength), "the header follows the data");
        Assert.That(layout.HeaderOffset + layout.HeaderLength + SaveFormat.TrailerBytes, Is.EqualTo(bytes.Length));
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - SaveFormat.TrailerBytes)), Is.EqualTo(layout.HeaderLength));
        using var loaded = Load(bytes);
        TestWorlds.AssertSameBytes(snapshot, loaded, "format 3 save");
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(int.MaxValue)]
    public void A_trailer_header_length_that_does_not_fit_the_file_is_refused_at_the_trailer(int headerLength)
    {
        var world = TestWorlds.Populated(500, seed: 4);
        using var snapshot = TestWorlds.FullCopy(world);
        using var encoder = new SnapshotEncoder();
        var bytes = encoder.PrepareFull(snapshot, "w", "auto", "").ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - SaveFormat.TrailerBytes), headerLength);

        var error = Assert.Throws<SaveFormatException>(() => SaveLayout.Of(bytes));

        Assert.That(error!.Message, Does.Contain($"header length {headerLength} does not fit"));
        Assert.That(error.Offset, Is.EqualTo(bytes.Length - SaveFormat.TrailerBytes));
    }

    [Test]
    public void Writing_a_pending_save_again_writes_the_same_bytes_as_a_space_retry_does()
    {
        var world = TestWorlds.Populated(5_000, seed: 5);
        using var snapshot = TestWorlds.FullCopy(world);
        using var encoder = new SnapshotEncoder();
        var pending = encoder.PrepareFull(snapshot, "w", "auto", "");

        var first = pending.ToArray();
        var second = pending.ToArray();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(pending.Header.Columns, Has.Count.EqualTo(snapshot.Columns.Count), "the block table is written once, not appended to");
    }

    private static GameServer.World.Snapshots.WorldSnapshot Load(byte[] bytes)
    {
        var store = new InMemorySaveStore("memory");
        store.PutAsync("s.gsav", (stream, ct) => stream.WriteAsync(bytes, ct).AsTask()).GetAwaiter().GetResult();
        using var file = GameServer.Persistence.Reading.SaveFile.OpenAsync(store, "s.gsav").GetAwaiter().GetResult();
        return file.ReadSnapshot();
    }

    /// <summary>A stream that keeps nothing: counts the writes and their sizes.</summary>
    private sealed class WriteSizes : Stream
    {
        public long Total { get; private set; }

        public int Largest { get; private set; }

        public int Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Total;

        public override long Position { get => Total; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Total += buffer.Length;
            Largest = Math.Max(Largest, buffer.Length);
            Count++;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
