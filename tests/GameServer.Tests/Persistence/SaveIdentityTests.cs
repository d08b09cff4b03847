using GameServer.Persistence.Autosave;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Tests.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence;

/// <summary>Every save carries a random 128-bit id in its header, reported by the result, the catalog and the reader.</summary>
[CancelAfter(60_000)]
public class SaveIdentityTests
{
    [Test]
    public async Task Every_save_gets_an_id_that_round_trips_and_differs_from_every_other_save()
    {
        var store = new InMemorySaveStore();
        var pool = new SnapshotPool(1, trackLeaks: true);
        var world = TestWorlds.Populated(500);
        var results = new List<SaveResult>();
        using (var service = SaveFixture.Service(store, pool))
        {
            for (var i = 0; i < 3; i++)
            {
                world.AdvanceTick();
                var result = service.SaveAndWait(world, SaveKind.Manual, $"s{i}", SaveFixture.Timeout);
                Assert.That(result.Succeeded, Is.True, result.Error);
                results.Add(result);
            }
        }

        pool.AssertNoLeaks();
        var ids = results.Select(r => r.SaveId).ToList();
        Assert.That(ids, Is.All.Not.Null.And.All.Not.EqualTo(Guid.Empty));
        Assert.That(ids, Is.Unique);

        foreach (var result in results)
        {
            using var file = await SaveFile.OpenAsync(store, result.Name!);
            Assert.That(file.Header.SaveId, Is.EqualTo(result.SaveId), $"{result.Name}: the header holds the id the result reported");
        }

        var catalog = await SaveCatalog.ListAsync(store);
        Assert.That(catalog.Select(e => e.SaveId), Is.EquivalentTo(ids.Cast<Guid?>()));
    }

    [Test]
    public void A_header_without_an_id_reads_as_none()
    {
        // What a save written before ids existed deserializes to: MemoryPack leaves the missing member at its default.
        Assert.That(new SaveHeader().SaveId, Is.EqualTo(Guid.Empty));
    }
}
