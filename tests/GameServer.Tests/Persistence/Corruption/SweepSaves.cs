using GameServer.Persistence.Delta;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;
using GameServer.Tests.Persistence.Delta;
using GameServer.Tests.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// Real saves for the sweep, kept as bytes: an older full save, then a chain of a full save and two deltas.
/// A damaged full save falls back to the older one; a damaged newest delta falls back to the delta before it.
/// </summary>
internal sealed class SweepSaves
{
    private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private SweepSaves(IReadOnlyList<(string Name, byte[] Bytes)> saves) => Saves = saves;

    /// <summary>Oldest first: [0] older full, [1] full, [2] delta of [1], [3] delta of [2].</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> Saves { get; }

    public static SweepSaves Write(int entities = 600)
    {
        var world = TestWorlds.Populated(entities, seed: 3);
        var churn = new RandomChurn(world, 3);
        var pool = new SnapshotPool(1);
        var store = new InMemorySaveStore("sweep");
        var policy = new DeltaPolicy { FullEvery = 100, MaxChainFraction = 100 };
        using var older = new ChainWriter(store, policy);
        using var chain = new ChainWriter(store, policy);
        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            churn.Apply(maxOps: 40, burst: 8);
            world.GetBlobColumn("name").SetString(i, $"renamed-{i}");
            world.AdvanceTick();
            Assert.That(pool.TryCapture(world, Start.AddSeconds(i), out var snapshot), Is.True);
            using (snapshot)
            {
                var name = SaveNames.Auto(Start.AddSeconds(i), world.Tick);
                var header = (i == 0 ? older : chain).Save(snapshot, name);
                Assert.That(header.ChainIndex, Is.EqualTo(i == 0 ? 0 : i - 1));
                names.Add(name);
            }
        }

        return new SweepSaves(names.Select(n => (n, ReadAll(store, n))).ToList());
    }

    /// <summary>A store holding the saves before <paramref name="target"/> untouched and <paramref name="bytes"/> under the target's name (newest).</summary>
    public InMemorySaveStore StoreWith(int target, byte[] bytes)
    {
        var store = new InMemorySaveStore("sweep");
        for (var i = 0; i < target; i++) Put(store, Saves[i].Name, Saves[i].Bytes);

        Put(store, Saves[target].Name, bytes);
        return store;
    }

    /// <summary>Byte offsets of the data section's start and the header's, and of every block's start and end.</summary>
    public static IEnumerable<long> BlockBoundaries(byte[] save)
    {
        var (header, _) = Support.SaveSurgery.Split(save);
        var layout = SaveLayout.Of(save);
        var dataStart = layout.DataOffset;
        yield return layout.HeaderOffset;
        yield return dataStart;
        foreach (var block in header.Columns.SelectMany(c => c.Buffers).SelectMany(b => b.Blocks))
        {
            yield return dataStart + block.Offset;
            yield return dataStart + block.Offset + block.StoredLength;
        }
    }

    private static void Put(ISaveStore store, string name, byte[] bytes) =>
        store.PutAsync(name, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask()).GetAwaiter().GetResult();

    private static byte[] ReadAll(ISaveStore store, string name)
    {
        using var handle = store.OpenReadAsync(name).GetAwaiter().GetResult();
        var bytes = new byte[handle.Length];
        var total = 0;
        while (total < bytes.Length) total += handle.Read(total, bytes.AsSpan(total));
        return bytes;
    }
}
