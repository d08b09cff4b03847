using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>A store that is down or never answers: every call ends at its deadline with one clear line, never a raw SDK exception.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public class AzureBlobUnreachableTests
{
    // Few, short retries: the behaviour is the same as the defaults', only sooner.
    private static readonly AzureBlobStoreOptions FewRetries = new()
    {
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        LeaseDuration = TimeSpan.FromSeconds(15),
    };

    [Test]
    public void Every_call_to_a_store_that_refuses_connections_fails_with_one_line_naming_the_store()
    {
        var container = Client(ClosedPort(), FewRetries);
        var store = new AzureBlobSaveStore(container, "fleet", "world", FewRetries);
        var calls = new Dictionary<string, AsyncTestDelegate>
        {
            ["list"] = () => store.ListAsync(),
            ["open"] = () => store.OpenReadAsync("a.gsav"),
            ["put"] = () => store.PutAsync("a.gsav", (s, ct) => s.WriteAsync(new byte[100], ct).AsTask()),
            ["delete"] = () => store.DeleteAsync("a.gsav"),
            ["lease"] = () => store.AcquireWriterLeaseAsync(),
            ["worlds"] = () => AzureBlobSaveStore.ListWorldsAsync(container, "fleet", FewRetries),
        };

        foreach (var (what, call) in calls)
        {
            var error = Assert.ThrowsAsync<IOException>(call, what);
            Assert.That(error!.Message, Does.Contain($"azblob:{container.Name}/fleet"), what);
            Assert.That(error.Message, Does.Contain("store unreachable after 3 tries").And.Contain("Connection refused"), what);
            Assert.That(error.Message, Does.Not.Contain("\n").And.Not.Contain("Retry failed"), what);
        }
    }

    [Test]
    public async Task A_read_of_an_open_save_fails_with_one_line_once_the_store_is_gone()
    {
        using var azurite = AzuriteServer.StartNew();
        var container = azurite.Container(AzuriteServer.NewContainerName(), FewRetries);
        var store = new AzureBlobSaveStore(container, "fleet", "world", FewRetries);
        await store.PutAsync("a.gsav", (s, ct) => s.WriteAsync(new byte[3 * 1024 * 1024], ct).AsTask());
        using var handle = await store.OpenReadAsync("a.gsav");
        azurite.Stop();

        var error = Assert.Throws<IOException>(() => handle.Read(0, new byte[100]));
        Assert.That(error!.Message, Does.StartWith($"could not read {store.LocationOf("a.gsav")} at offset 0: store unreachable after 3 tries"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_store_that_accepts_connections_but_never_answers_fails_each_call_at_its_deadline()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // the kernel accepts; nobody ever answers
        silent.Start();
        var options = FewRetries with { OperationDeadline = TimeSpan.FromSeconds(1), PutDeadline = TimeSpan.FromSeconds(2), NetworkTimeout = TimeSpan.FromMinutes(5) };
        var store = new AzureBlobSaveStore(Client(((IPEndPoint)silent.LocalEndpoint).Port, options), "fleet", "world", options);

        var list = Assert.ThrowsAsync<IOException>(() => store.ListAsync());
        Assert.That(list!.Message, Does.EndWith("no answer within 1 s"));
        var put = Assert.ThrowsAsync<IOException>(() => store.PutAsync("a.gsav", (s, ct) => s.WriteAsync(new byte[100], ct).AsTask()));
        Assert.That(put!.Message, Does.EndWith("no answer within 2 s"));
        var lease = Assert.ThrowsAsync<IOException>(() => store.AcquireWriterLeaseAsync());
        Assert.That(lease!.Message, Does.EndWith("no answer within 1 s"));
    }

    [Test]
    public void Saveinspect_against_a_stopped_azurite_prints_one_clear_line_and_exits_non_zero()
    {
        using var azurite = AzuriteServer.StartNew();
        azurite.Stop();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [StoreAddress.ConnectionStringVariable] = azurite.ConnectionString };
        foreach (var args in new[] { new[] { "list", "azblob:saves/eu" }, ["info", "azblob:saves/eu/default/auto-20261125T120000000Z-t0000000001.gsav"] })
        {
            using var inspect = ChildProcess.StartDll("saveinspect.dll", args, environment: environment);
            var exit = inspect.WaitForExit(TimeSpan.FromSeconds(90));
            var lines = inspect.Errors.TrimEnd().Split('\n');
            Assert.That(exit, Is.EqualTo(1), $"{args[0]}: {inspect.Errors}");
            Assert.That(lines, Has.Length.EqualTo(1), args[0]);
            Assert.That(lines[0], Does.StartWith("saveinspect: ").And.Contain("azblob:saves/eu").And.Contain("store unreachable after"), args[0]);
            Assert.That(lines[0], Does.Not.Contain("unexpected error").And.Not.Contain("Exception"), args[0]);
        }
    }

    private static BlobContainerClient Client(int port, AzureBlobStoreOptions options) =>
        new BlobServiceClient(AzuriteServer.ConnectionStringVia(port), AzureBlobSaveStore.ClientOptions(options)).GetBlobContainerClient(AzuriteServer.NewContainerName());

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // free again once disposed: connections are refused
    }
}
