using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>A real <c>gameserver</c> SIGKILLed while it uploads a save to a real Azurite over a slow link.</summary>
[NonParallelizable]
[CancelAfter(420_000)]
public class AzureBlobKillMidUploadTests
{
    private const int Sigkill = 9;
    private const string World = "kill";
    private const string Folder = "fleet/" + World + "/";

    // Full saves only (every save is a multi-block upload of ~3 MB), one right after the other.
    private static readonly string[] Args = ["--entities", "200000", "--delta", "off", "--autosave-interval", "1"];

    [Test]
    public async Task A_server_killed_mid_upload_never_lists_the_partial_save_and_its_successor_resumes_at_the_last_committed_tick()
    {
        using var azurite = AzuriteServer.StartNew();
        // 64 KiB blocks at 256 KiB/s per connection: an upload takes seconds and stages blocks long before its commit.
        using var proxy = new ThrottledTcpProxy(azurite.Port, bytesPerSecond: 256 * 1024);
        var container = AzuriteServer.NewContainerName();
        var servers = new BlobGameServers(AzuriteServer.ConnectionStringVia(proxy.Port), container);
        servers.Environment[StoreAddress.BlockKibVariable] = "64";
        var blobs = azurite.Container(container);

        string? killedUpload = null;
        for (var attempt = 1; killedUpload is null; attempt++)
        {
            Assert.That(attempt, Is.LessThanOrEqualTo(3), "the kill never landed between a block and the commit in 3 tries");
            using var server = attempt == 1 ? servers.Start(World, Args) : servers.StartOnceLeaseFrees(World, Args);
            server.WaitForLine("INFO  saved ", TimeSpan.FromSeconds(120)); // at least one committed save to resume from
            var uploading = await WaitForUploadInProgressAsync(blobs, TimeSpan.FromSeconds(60));
            server.Signal(Sigkill);
            server.WaitForExit(TimeSpan.FromSeconds(10));
            // Proof the kill landed mid-upload: the blob still has only uncommitted blocks, so its commit never ran.
            var staged = await UncommittedBlockCountAsync(blobs, uploading);
            if (!(await CommittedNamesAsync(blobs)).Contains(uploading) && staged > 0) killedUpload = uploading;
            TestContext.Progress.WriteLine($"attempt {attempt}: SIGKILL during the upload of {uploading}: {staged} blocks staged, {(killedUpload is null ? "committed before the kill" : "never committed")}");
        }

        var store = new AzureBlobSaveStore(blobs, "fleet", World, readOnly: true);
        var listed = await SaveCatalog.ListAsync(store);
        Assert.That(listed.Select(e => e.FileName), Does.Not.Contain(killedUpload), "a partial save is never listed");
        Assert.That(listed, Is.Not.Empty);
        foreach (var entry in listed)
            Assert.That(await SaveVerifier.VerifyAsync(store, entry.FileName), Is.Null, $"{entry.FileName} is whole");
        var last = listed.MaxBy(e => e.Tick)!;
        Assert.That(SaveNames.TryParse(killedUpload, out var killed) && killed.Tick > last.Tick, "the killed upload was newer than every committed save");

        proxy.BytesPerSecond = 0;
        using var successor = servers.StartOnceLeaseFrees(World, Args);
        Assert.That(successor.Output, Does.Contain($"loaded {last.Location}: tick={last.Tick}"), "resumes at the last committed tick");
        successor.WaitForLine("INFO  saved ", TimeSpan.FromSeconds(60));
        successor.Send("stop");
        Assert.That(successor.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero);
    }

    /// <summary>Waits until a save has staged blocks but is not committed yet, and returns its name.</summary>
    private static async Task<string> WaitForUploadInProgressAsync(BlobContainerClient blobs, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var committed = await CommittedNamesAsync(blobs);
            await foreach (var item in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted, Folder))
            {
                var name = item.Name[Folder.Length..];
                if (name.StartsWith('.') || committed.Contains(name)) continue;
                if (await UncommittedBlockCountAsync(blobs, name) > 0) return name;
            }

            await Task.Delay(50);
        }

        throw new AssertionException($"no upload in progress seen within {timeout.TotalSeconds:F0} s");
    }

    private static async Task<HashSet<string>> CommittedNamesAsync(BlobContainerClient blobs)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, Folder)) names.Add(item.Name[Folder.Length..]);
        return names;
    }

    private static async Task<int> UncommittedBlockCountAsync(BlobContainerClient blobs, string name)
    {
        var list = (await blobs.GetBlockBlobClient(Folder + name).GetBlockListAsync(BlockListTypes.All)).Value;
        return list.CommittedBlocks.Any() ? 0 : list.UncommittedBlocks.Count();
    }
}
