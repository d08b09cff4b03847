using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Persistence;
using GameServer.Tests.World;
using GameServer.World;
using GameServer.World.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Support;

/// <summary>
/// What the autosave service's tests set up alike, fresh for every test: a temp folder, a fake clock at noon on
/// 2026-11-25, a leak-tracked pool of two snapshots and a populated world of <paramref name="entities"/>; after
/// the test, no pooled snapshot may be out. Its helpers drive a service as the tick loop would.
/// </summary>
/// <remarks>A base class rather than a member, so NUnit runs its setup before the test class's own and its teardown after.</remarks>
public abstract class AutosaveRig(int entities = 5000)
{
    /// <summary>When every rig's clock starts.</summary>
    protected static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>This test's folder (deleted after it).</summary>
    private protected TempFolder Folder { get; private set; } = null!;

    /// <summary>The clock the services made by <see cref="Service"/> run on.</summary>
    protected FakeTimeProvider Time { get; private set; } = null!;

    /// <summary>Two pooled snapshots, leak-tracked.</summary>
    protected SnapshotPool Pool { get; private set; } = null!;

    /// <summary>A world of varied values (<see cref="TestWorlds.Populated"/>).</summary>
    protected GameWorld World { get; private set; } = null!;

    [SetUp]
    public void SetUpRig()
    {
        Folder = new TempFolder();
        Time = CreateClock();
        Pool = new SnapshotPool(2, trackLeaks: true);
        World = TestWorlds.Populated(entities);
    }

    [TearDown]
    public void TearDownRig()
    {
        Pool.AssertNoLeaks();
        Folder.Dispose();
    }

    /// <summary>The rig's clock; a test class that counts or steers clock reads returns its own.</summary>
    protected virtual FakeTimeProvider CreateClock() => new(Noon);

    /// <summary>A service on the rig's pool and clock, saving into <paramref name="store"/> (default: the rig's folder).</summary>
    protected AutosaveService Service(ISaveStore? store = null, AutosaveOptions? options = null, ILogger? log = null) =>
        SaveFixture.Service(store ?? new LocalFolderStore(Folder.Path), Pool, Time, options, log);

    /// <summary>A service as one server run has it: its own pool of one snapshot, saving into <paramref name="folder"/> on <paramref name="clock"/>.</summary>
    protected static AutosaveService ServerRun(string folder, AutosaveOptions options, TimeProvider clock) =>
        new(options, new SnapshotPool(1), new LocalFolderStore(folder), clock);

    /// <summary>A minute later on <paramref name="clock"/> and one tick on: saves and waits, asserting the save succeeded.</summary>
    private protected SaveResult SaveAMinuteLater(AutosaveService service, SettableClock clock, SaveKind kind = SaveKind.Auto)
    {
        clock.Now += TimeSpan.FromMinutes(1);
        World.AdvanceTick();
        var result = service.SaveAndWait(World, kind, null, SaveFixture.Timeout);
        Assert.That(result.Succeeded, Is.True, result.Error);
        return result;
    }

    /// <summary>Runs <paramref name="ticks"/> ticks: each advances the world, then gives the service its between-ticks step.</summary>
    protected void Tick(AutosaveService service, int ticks)
    {
        for (var i = 0; i < ticks; i++)
        {
            World.AdvanceTick();
            service.OnBetweenTicks(World);
        }
    }

    /// <summary>Ticks (a couple of milliseconds apart, so the writer thread gets on) until <paramref name="done"/>; fails after the save timeout.</summary>
    protected void TickUntil(AutosaveService service, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + SaveFixture.Timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for the autosave service");
            Tick(service, 1);
            Thread.Sleep(2);
        }
    }

    /// <summary>The save files in the rig's folder, by name in ordinal order.</summary>
    protected List<string> SaveFiles() => Directory.GetFiles(Folder.Path, "*.gsav").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList();
}
