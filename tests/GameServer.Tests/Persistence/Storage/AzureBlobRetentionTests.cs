using GameServer.Persistence.Autosave;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Delta;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>Delta chains on Azure Blob Storage (a real Azurite): retention deletes remote blobs chain-aware, newest first.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public class AzureBlobRetentionTests
{
    private static readonly AzureBlobStoreOptions Options = new() { BlockSize = 64 * 1024, LeaseDuration = TimeSpan.FromSeconds(15) };

    [Test]
    public async Task Retention_never_deletes_a_remote_base_a_kept_delta_needs_and_deletes_a_chain_newest_first()
    {
        using var azurite = AzuriteServer.StartNew();
        var store = new AzureBlobSaveStore(azurite.Container(AzuriteServer.NewContainerName(), Options), "fleet", "world", Options);
        await using var lease = await store.AcquireWriterLeaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var pool = new SnapshotPool(2, trackLeaks: true);
        var world = TestWorlds.Populated(5000);
        var log = new ListLogger();
        var options = new AutosaveOptions
        {
            WorldName = "world",
            Interval = TimeSpan.FromMinutes(1),
            Retention = new RetentionPolicy { KeepLatest = 2, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero },
            Deltas = new DeltaPolicy { FullEvery = 3, MaxChainFraction = 100 },
        };

        var saved = new List<string>();
        using (var service = SaveFixture.Service(store, pool, time, options, log))
        {
            for (var i = 1; i <= 6; i++)
            {
                world.GetColumn<float>("x").Set(i, i);
                time.Advance(TimeSpan.FromMinutes(1));
                TickUntil(world, service, () => service.GetStatus(world.Tick).SavesCompleted == i);
                saved.Add(service.GetStatus(world.Tick).LastSuccess!.Name!);

                // After every rotation, each listed delta still finds its whole chain in the container.
                var listed = (await store.ListAsync()).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var name in listed)
                {
                    using var chain = await SaveLoader.LoadAsync(store, name);
                    Assert.That(chain.Count, Is.EqualTo(world.Count), $"after save {i}: {name} loads through its chain");
                }
            }
        }

        // Saves 1 (full) 2 3 4 (deltas) 5 (full) 6 (delta): after save 5 the newest two are 5 and 4, and 4 needs
        // 3, 2 and 1, so nothing goes; after save 6 only 5 and 6 are kept, and 1-4 go from the newest end.
        Assert.That((await store.ListAsync()).Select(e => e.Name).Order(StringComparer.Ordinal), Is.EqualTo(new[] { saved[4], saved[5] }));
        var removed = log.Lines.Where(l => l.Contains("retention removed ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("retention removed ", StringComparison.Ordinal) + 18)..]).ToList();
        Assert.That(removed, Is.EqualTo(new[] { saved[3], saved[2], saved[1], saved[0] }), "a chain is deleted newest first, so a crash mid-way never strands a delta without its base");
        using var newest = await SaveFile.OpenAsync(store, saved[5]);
        Assert.That(newest.Header.BaseFileName, Is.EqualTo(saved[4]));
        pool.AssertNoLeaks();
    }

    private static void TickUntil(GameWorld world, AutosaveService service, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + SaveFixture.Timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for the autosave service");
            world.AdvanceTick();
            service.OnBetweenTicks(world);
            Thread.Sleep(2);
        }
    }
}
