using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence;

/// <summary>Writes real save files for tests through the real autosave service.</summary>
internal static class SaveFixture
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static AutosaveService Service(ISaveStore store, SnapshotPool pool, FakeTimeProvider? time = null, AutosaveOptions? options = null, ILogger? logger = null) =>
        new(options ?? new AutosaveOptions { WorldName = "test", Interval = TimeSpan.FromMinutes(1) }, pool, store, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)), logger);

    /// <summary>Writes one save of <paramref name="world"/> into <paramref name="folder"/> and returns its full path.</summary>
    public static string Write(string folder, GameWorld world, SaveKind kind = SaveKind.Manual, string? label = null, FakeTimeProvider? time = null)
    {
        var pool = new SnapshotPool(1);
        using var service = Service(new LocalFolderStore(folder), pool, time);
        var result = service.SaveAndWait(world, kind, label, Timeout);
        Assert.That(result.Succeeded, Is.True, result.Error);
        return result.Location!;
    }
}
