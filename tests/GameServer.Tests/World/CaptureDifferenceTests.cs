using GameServer.World;
using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Tests.World;

/// <summary>
/// A capture into the buffer that holds the previous fill records, for each chunk it copies, new XOR old: the
/// previous fill plus that difference must rebuild the new capture exactly (the delta save's whole premise).
/// </summary>
public class CaptureDifferenceTests
{
    [Test]
    [CancelAfter(120_000)]
    public void Differences_of_deferred_captures_rebuild_each_capture_from_the_previous_while_random_writes_continue()
    {
        var pool = new SnapshotPool(1, trackLeaks: true);
        var world = TestWorlds.Populated(4000, seed: 21);
        var churn = new RandomChurn(world, seed: 21);
        var random = churn.Random;
        byte[][][]? previous = null;
        WorldSnapshot? capturing = null;
        WorldSnapshot? expected = null;
        var rebuilt = 0;
        for (var tick = 0; tick < 2500; tick++)
        {
            world.AdvanceTick();
            churn.Apply(maxOps: 9, burst: random.Next(1, 60));
            if (capturing is not null)
            {
                // A small budget: most captures finish over several ticks, their chunks partly copied by the write barrier.
                if (!capturing.ContinueCapture(random.Next(1, 64 * 1024))) continue;
                TestWorlds.AssertSameBytes(expected!, capturing, $"capture at tick {capturing.Tick}");
                if (previous is not null)
                {
                    Assert.That(capturing.HasDifference, Is.True, $"capture at tick {capturing.Tick} follows a fill of the same world");
                    AssertRebuilds(previous, capturing, $"capture at tick {capturing.Tick}");
                    rebuilt++;
                }

                previous = Copy(capturing);
                capturing.Dispose();
                expected!.Dispose();
                capturing = null;
            }
            else if (random.Next(4) == 0)
            {
                Assert.That(pool.TryBeginCapture(world, DateTime.UtcNow, out capturing), Is.True);
                expected = TestWorlds.FullCopy(world);
            }
        }

        capturing?.Dispose();
        expected?.Dispose();
        pool.AssertNoLeaks();
        Assert.That(rebuilt, Is.GreaterThan(100), "captures checked");
    }

    [Test]
    public void A_buffer_that_outgrows_its_capacity_keeps_its_fill_and_still_records_a_difference()
    {
        var pool = new SnapshotPool(1);
        var world = TestWorlds.Populated(1000, seed: 22);
        byte[][][] previous;
        using (var first = pool.Capture(world)) previous = Copy(first);
        world.AdvanceTick();
        for (var i = 0; i < 5000; i++) world.Spawn();
        world.GetColumn<float>("x")[3] = 42;

        using var grown = pool.Capture(world);
        Assert.That(grown.LastCaptureWasFull, Is.False, "the grown buffer kept the previous fill");
        Assert.That(grown.HasDifference, Is.True);
        AssertRebuilds(previous, grown, "after growing five-fold");
        using var expected = TestWorlds.FullCopy(world);
        TestWorlds.AssertSameBytes(expected, grown, "after growing five-fold");
    }

    [Test]
    public void A_full_capture_or_one_that_was_not_asked_to_records_no_difference()
    {
        var pool = new SnapshotPool(1);
        var world = TestWorlds.Populated(2000, seed: 23);
        using (var first = pool.Capture(world)) Assert.That(first.HasDifference, Is.False, "nothing to differ from");
        world.AdvanceTick();
        world.GetColumn<int>("hp")[7] = 3;
        Assert.That(pool.TryCapture(world, DateTime.UtcNow, recordDifference: false, out var plain), Is.True);
        using (plain)
        {
            Assert.That(plain.HasDifference, Is.False);
            Assert.That(plain.Difference.IsEmpty, Is.True);
            Assert.That(plain.Columns[0].ChangedRanges(0).IsEmpty, Is.True);
        }
    }

    [Test]
    public void The_side_buffer_of_a_burst_is_given_back_once_later_differences_need_far_less()
    {
        var pool = new SnapshotPool(1);
        var world = TestWorlds.Populated(200_000, seed: 26);
        pool.Capture(world).Dispose();
        world.AdvanceTick();
        using (var copy = TestWorlds.FullCopy(world)) world.Restore(copy); // a rollback: every chunk changes
        int burst;
        using (var everything = pool.Capture(world)) burst = everything.Capture.Difference.Length;
        Assert.That(burst, Is.GreaterThanOrEqualTo((int)world.Count * 8), "the burst's difference covers the world");

        world.AdvanceTick();
        world.GetColumn<int>("hp")[5] = 1;
        using var small = pool.Capture(world);
        Assert.That(small.HasDifference, Is.True);
        Assert.That(small.Capture.Difference.Length, Is.LessThan(burst / 8), "the big side buffer is not kept for good");
    }

    [Test]
    public void A_snapshot_the_world_was_restored_from_becomes_the_buffer_and_the_next_capture_copies_only_changes()
    {
        var pool = new SnapshotPool(1, trackLeaks: true);
        var source = TestWorlds.Populated(20_000, seed: 24);
        var loaded = Detached(source);
        var world = new GameWorld(TestWorlds.Schema());
        pool.Restore(world, loaded, out var kept);
        Assert.That(kept, Is.True);
        var before = Copy(loaded);

        world.AdvanceTick();
        world.GetColumn<float>("y")[12_345] = -1;
        using (var next = pool.Capture(world))
        {
            Assert.That(next, Is.SameAs(loaded), "the restored-from snapshot is the pool's buffer");
            Assert.That(next.LastCaptureWasFull, Is.False);
            Assert.That(next.LastCopiedBytes, Is.LessThan(next.RawBytes / 50), "one changed chunk copied, not the world");
            AssertRebuilds(before, next, "after the restore");
            using var expected = TestWorlds.FullCopy(world);
            TestWorlds.AssertSameBytes(expected, next, "after the restore");
        }

        pool.AssertNoLeaks();
    }

    [Test]
    public void A_snapshot_with_other_columns_is_restored_from_but_not_kept()
    {
        var pool = new SnapshotPool(1);
        var loaded = Detached(TestWorlds.Populated(100, seed: 25));
        var builder = new WorldSchemaBuilder();
        foreach (var column in TestWorlds.Schema().Columns)
        {
            if (column.Name != WorldSchema.IdColumnName) builder.Add(column);
        }

        var world = new GameWorld(builder.Add<short>("mana", 5).Build());
        var report = pool.Restore(world, loaded, out var kept);
        Assert.That(kept, Is.False, "the world has a column the snapshot lacks");
        Assert.That(report.DefaultedColumns, Is.EqualTo(new[] { "mana" }));
        Assert.That(world.Count, Is.EqualTo(100));
    }

    // The decoder's rule: the previous buffer cut or zero-extended to the new length, each changed range XORed on.
    private static void AssertRebuilds(byte[][][] previous, WorldSnapshot capture, string context)
    {
        var difference = capture.Difference;
        for (var c = 0; c < capture.Columns.Count; c++)
        {
            var column = capture.Columns[c];
            for (var b = 0; b < column.BufferCount; b++)
            {
                var rebuilt = new byte[column.Buffer(b).Length];
                var old = previous[c][b];
                old.AsSpan(0, Math.Min(old.Length, rebuilt.Length)).CopyTo(rebuilt);
                foreach (var range in column.ChangedRanges(b))
                {
                    for (var i = 0; i < range.Length; i++) rebuilt[range.Offset + i] ^= difference[range.DifferenceOffset + i];
                }

                Assert.That(rebuilt.AsSpan().SequenceEqual(column.Buffer(b)), Is.True, $"{context}: column {column.Definition.Name} buffer {b}");
            }
        }
    }

    private static byte[][][] Copy(WorldSnapshot snapshot) =>
        [.. snapshot.Columns.Select(column => Enumerable.Range(0, column.BufferCount).Select(b => column.Buffer(b).ToArray()).ToArray())];

    // A snapshot as a decoder builds it: detached, exact buffers.
    private static WorldSnapshot Detached(GameWorld world)
    {
        using var full = TestWorlds.FullCopy(world);
        var detached = WorldSnapshot.CreateDetached(full.Schema, full.Count, full.Tick, full.CapturedAtUtc, full.NextId);
        for (var c = 0; c < full.Columns.Count; c++)
        {
            for (var b = 0; b < full.Columns[c].BufferCount; b++)
                full.Columns[c].Buffer(b).CopyTo(detached.Columns[c].PrepareBuffer(b, full.Columns[c].Buffer(b).Length));
        }

        return detached;
    }
}
