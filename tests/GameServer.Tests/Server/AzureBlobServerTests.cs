using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>Real <c>gameserver</c> processes saving to a real Azurite: a fleet of servers on one container.</summary>
[NonParallelizable]
[CancelAfter(240_000)]
public class AzureBlobServerTests
{
    private const int Sigkill = 9;

    private AzuriteServer _azurite = null!;
    private string _container = "";

    [SetUp]
    public void SetUp()
    {
        _azurite = AzuriteServer.StartNew(); // one per test: the outage test stops it
        _container = AzuriteServer.NewContainerName();
    }

    [TearDown]
    public void TearDown() => _azurite.Dispose();

    [Test]
    public async Task Servers_on_two_worlds_share_a_container_a_second_on_one_world_is_refused_and_takes_over_after_the_holder_dies()
    {
        using var alpha = StartServer("alpha");
        using var beta = StartServer("beta");
        alpha.WaitForLine("INFO  saved ", TimeSpan.FromSeconds(30));
        beta.WaitForLine("INFO  saved ", TimeSpan.FromSeconds(30));

        using (var refused = StartServerNoWait("alpha"))
        {
            Assert.That(refused.WaitForExit(TimeSpan.FromSeconds(60)), Is.EqualTo(2));
            Assert.That(refused.Errors, Does.Contain("is in use by another server").And.Contain($"pid {alpha.Id}"));
        }

        alpha.Signal(Sigkill);
        alpha.WaitForExit(TimeSpan.FromSeconds(10));
        var last = (await SaveCatalog.ListAsync(Store("alpha"))).Where(e => e.HeaderOk).MaxBy(e => e.Tick)!;

        using var successor = StartServerOnceLeaseFrees("alpha");
        Assert.That(successor.Output, Does.Contain($"loaded {last.Location}: tick={last.Tick}"), "resumes at the last committed tick");
        successor.WaitForLine("INFO  saved ", TimeSpan.FromSeconds(30));

        beta.Send("status");
        beta.WaitForLine("last_save: ok");
        foreach (var server in new[] { successor, beta })
        {
            server.Send("stop");
            Assert.That(server.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero);
        }
    }

    private ISaveStore Store(string world) => new AzureBlobSaveStore(_azurite.Container(_container), "fleet", world, readOnly: true);

    private ChildProcess StartServerNoWait(string world) => new BlobGameServers(_azurite.ConnectionString, _container).StartNoWait(world);

    private ChildProcess StartServer(string world) => new BlobGameServers(_azurite.ConnectionString, _container).Start(world);

    private ChildProcess StartServerOnceLeaseFrees(string world) => new BlobGameServers(_azurite.ConnectionString, _container).StartOnceLeaseFrees(world);
}
