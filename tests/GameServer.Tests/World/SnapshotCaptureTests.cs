using GameServer.World.Snapshots;

namespace GameServer.Tests.World;

public class SnapshotCaptureTests
{
    private SnapshotPool _pool = null!;

    [SetUp]
    public void CreatePool() => _pool = new SnapshotPool(maxSnapshots: 3, trackLeaks: true);

    [TearDown]
    public void NoSnapshotLeaked() => _pool.AssertNoLeaks();

    [Test]
    public void Incremental_captures_equal_full_copies_across_thousands_of_random_ticks()
    {
        var world = TestWorlds.Populated(3000, seed: 7);
        var churn = new RandomChurn(world, seed: 12345);
        var held = new Queue<WorldSnapshot>();
        var incrementalCaptures = 0;

        for (var tick = 0; tick < 3000; tick++)
        {
            world.AdvanceTick();
            churn.Apply(maxOps: 11, burst: 50);
            if (tick % 3 != 0) continue;

            // Several pooled buffers in turn: each capture may reuse one last filled several captures ago.
            if (held.Count == _pool.MaxSnapshots) held.Dequeue().Dispose();
            Assert.That(_pool.TryCapture(world, DateTime.UtcNow, out var snapshot), Is.True);
            if (!snapshot.LastCaptureWasFull) incrementalCaptures++;
            using (var expected = TestWorlds.FullCopy(world))
            {
                TestWorlds.AssertSameBytes(expected, snapshot, $"tick {world.Tick}");
            }

            held.Enqueue(snapshot);
        }

        while (held.Count > 0) held.Dequeue().Dispose();
        Assert.That(incrementalCaptures, Is.GreaterThan(900), "most captures reused a buffer incrementally");
        Assert.That(_pool.Outstanding, Is.Zero);
    }

    [Test]
    public void Snapshot_is_unchanged_when_the_world_keeps_changing_after_capture()
    {
        var world = TestWorlds.Populated(5000);
        using var snapshot = _pool.Capture(world);
        using var before = TestWorlds.FullCopy(world);

        world.AdvanceTick();
        world.GetColumn<float>("x").Write().Fill(-1);
        world.GetBlobColumn("name").SetString(0, "renamed after capture");
        for (var i = 0; i < 100; i++) world.Despawn(world.Ids[0]);
        for (var i = 0; i < 300; i++) world.Spawn();

        TestWorlds.AssertSameBytes(before, snapshot, "after live changes");
        Assert.That(snapshot.Tick, Is.EqualTo(before.Tick));
    }

    [Test]
    public void Reused_buffer_copies_only_changed_chunks()
    {
        var world = TestWorlds.Populated(100_000);
        _pool.Capture(world).Dispose();
        world.AdvanceTick();
        world.GetColumn<float>("x")[50_000] = 1;

        using var snapshot = _pool.Capture(world);
        Assert.That(snapshot.LastCaptureWasFull, Is.False);
        Assert.That(snapshot.LastCopiedBytes, Is.LessThan(snapshot.RawBytes / 50), "one dirty chunk, not the world");
        Assert.That(snapshot.GetColumn("x").Values<float>()[50_000], Is.EqualTo(1f));
    }

    [Test]
    public void Buffer_is_fully_recopied_after_capturing_a_different_world()
    {
        var a = TestWorlds.Populated(2000, seed: 1);
        var b = TestWorlds.Populated(2000, seed: 2);
        _pool.Capture(a).Dispose();
        using var snapshot = _pool.Capture(b);
        Assert.That(snapshot.LastCaptureWasFull, Is.True);
        using var expected = TestWorlds.FullCopy(b);
        TestWorlds.AssertSameBytes(expected, snapshot, "other world");
    }

    [Test]
    public void Pool_refuses_capture_when_every_snapshot_is_out_and_recovers_on_return()
    {
        var world = TestWorlds.Populated(100);
        var held = Enumerable.Range(0, 3).Select(_ => _pool.Capture(world)).ToList();
        Assert.That(_pool.TryCapture(world, DateTime.UtcNow, out _), Is.False);
        Assert.That(_pool.Outstanding, Is.EqualTo(3));
        held[0].Dispose();
        Assert.That(_pool.TryCapture(world, DateTime.UtcNow, out var again), Is.True);
        again.Dispose();
        foreach (var s in held.Skip(1)) s.Dispose();
        Assert.That(_pool.Outstanding, Is.Zero);
    }

    [Test]
    public void Returning_a_snapshot_twice_is_an_error()
    {
        var snapshot = _pool.Capture(TestWorlds.Populated(10));
        snapshot.Dispose();
        Assert.Throws<ObjectDisposedException>(snapshot.Dispose);
    }

    [Test]
    public void Leak_tracking_names_the_rent_that_was_never_returned()
    {
        var pool = new SnapshotPool(2, trackLeaks: true);
        var forgotten = pool.Capture(TestWorlds.Populated(10));
        var error = Assert.Throws<SnapshotLeakException>(pool.AssertNoLeaks);
        Assert.That(error!.RentSites, Has.Count.EqualTo(1));
        Assert.That(error.RentSites[0], Does.Contain(nameof(Leak_tracking_names_the_rent_that_was_never_returned)));
        forgotten.Dispose();
        Assert.DoesNotThrow(pool.AssertNoLeaks);
    }

    [Test]
    public void Steady_state_capture_allocates_nothing_on_the_tick_thread()
    {
        // Leak tracking records call stacks (allocations) by design, so this test uses a plain pool.
        var pool = new SnapshotPool(maxSnapshots: 2);
        var world = TestWorlds.Populated(50_000);
        var x = world.GetColumn<float>("x");
        var names = world.GetBlobColumn("name");
        var id = world.Spawn();
        var refused = 0;
        // Long warm-up: the runtime allocates once on this thread while it re-optimises hot methods;
        // steady state is what must allocate nothing.
        for (var warm = 0; warm < 300; warm++) Churn();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++) Churn();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(refused, Is.Zero);
        Assert.That(pool.Outstanding, Is.Zero);

        void Churn()
        {
            world.AdvanceTick();
            x.Write(1000, 5000).Fill(world.Tick);
            names.Set(7, "renamed"u8);
            world.Despawn(id);
            id = world.Spawn();
            if (!pool.TryCapture(world, DateTime.UtcNow, out var snapshot)) refused++;
            else snapshot.Dispose();
        }
    }
}
