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

    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        [StoreAddress.ConnectionStringVariable] = _azurite.ConnectionString,
        [StoreAddress.LeaseSecondsVariable] = "15",
    };

    private ChildProcess StartServerNoWait(string world, params string[] extra)
    {
        var args = new List<string> { "--store", $"azblob:{_container}/fleet", "--world", world, "--entities", "3000", "--autosave-interval", "1", "--port", "0", "--admin-key-file", "none" };
        args.AddRange(extra);
        return ChildProcess.StartDll("gameserver.dll", args, workingDirectory: null, environment: Environment());
    }

    private ChildProcess StartServer(string world, params string[] extra)
    {
        var server = StartServerNoWait(world, extra);
        server.WaitForLine("server running", TimeSpan.FromSeconds(90));
        return server;
    }

    /// <summary>Starts a server on a world whose holder was killed: refused (exit 2) until its lease expires.</summary>
    private ChildProcess StartServerOnceLeaseFrees(string world, params string[] extra)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var server = StartServerNoWait(world, extra);
            if (WaitUntilRunningOrExited(server)) return server;
            server.WaitForExit(TimeSpan.FromSeconds(10)); // also drains its stderr
            var refusal = server.Errors + "\n" + server.Output;
            server.Dispose();
            Assert.That(refusal, Does.Contain("is in use by another server"), "the only refusal expected is the dead holder's lease");
            if (DateTime.UtcNow > deadline) Assert.Fail("the dead server's lease never expired");
            Thread.Sleep(1000);
        }
    }

    private static bool WaitUntilRunningOrExited(ChildProcess server)
    {
        var limit = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < limit)
        {
            try
            {
                server.WaitForLine("server running", TimeSpan.FromSeconds(1));
                return true;
            }
            catch (AssertionException) when (!server.HasExited)
            {
            }
            catch (AssertionException)
            {
                return false;
            }
        }

        return false;
    }
}
