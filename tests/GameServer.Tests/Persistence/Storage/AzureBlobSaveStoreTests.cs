using Azure.Storage.Blobs.Specialized;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>What the blob store adds to the contract: multi-block commits, the blob lease across "machines", lease loss.</summary>
[NonParallelizable]
[CancelAfter(60_000)]
public class AzureBlobSaveStoreTests : AzuriteContainerFixture
{
    private static readonly AzureBlobStoreOptions Options = new() { BlockSize = 64 * 1024, LeaseDuration = TimeSpan.FromSeconds(15) };

    [Test]
    public async Task A_save_of_many_blocks_reads_back_byte_for_byte_under_its_prefixed_blob_name()
    {
        var store = Store();
        var bytes = Bytes(1_000_000, seed: 1); // 16 blocks of 64 KiB, staged several at once
        await store.PutAsync("big.gsav", (stream, ct) => stream.WriteAsync(bytes, ct).AsTask());

        var blob = Azurite.Container(ContainerName).GetBlockBlobClient("fleet/world/big.gsav");
        var blocks = (await blob.GetBlockListAsync()).Value;
        Assert.That(blocks.CommittedBlocks.Count(), Is.EqualTo(16));
        using var handle = await store.OpenReadAsync("big.gsav");
        var read = new byte[bytes.Length];
        var total = 0;
        while (total < read.Length) total += handle.Read(total, read.AsSpan(total));
        Assert.That(read, Is.EqualTo(bytes));
    }

    [Test]
    public async Task A_put_that_fails_after_staging_blocks_lists_nothing_and_the_name_stays_free()
    {
        var store = Store();
        Assert.ThrowsAsync<InvalidOperationException>(() => store.PutAsync("half.gsav", async (stream, ct) =>
        {
            await stream.WriteAsync(Bytes(500_000, seed: 2), ct); // 7 blocks staged, never committed
            throw new InvalidOperationException("encoder failed");
        }));

        Assert.That(await store.ListAsync(), Is.Empty, "uncommitted blocks are never a listed save");
        Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync("half.gsav"));

        var bytes = Bytes(200_000, seed: 3);
        await store.PutAsync("half.gsav", (stream, ct) => stream.WriteAsync(bytes, ct).AsTask());
        using var handle = await store.OpenReadAsync("half.gsav");
        Assert.That(handle.Length, Is.EqualTo(bytes.Length), "the later put's blocks alone make the save");
    }

    [Test]
    public async Task A_second_server_on_the_same_world_is_refused_and_told_who_holds_the_lease()
    {
        await using var first = await Store().AcquireWriterLeaseAsync();

        var other = Store(); // another process or machine: its own client, same container and world
        var refused = Assert.ThrowsAsync<WriterLeaseUnavailableException>(() => other.AcquireWriterLeaseAsync());
        Assert.That(refused!.Holder, Is.EqualTo(first.Holder));
        Assert.That(refused.Message, Does.Contain($"pid {Environment.ProcessId}").And.Contain(Environment.MachineName));
    }

    [Test]
    public async Task Two_worlds_in_one_container_have_independent_leases_and_saves()
    {
        await using var a = await Store("alpha").AcquireWriterLeaseAsync();
        await using var b = await Store("beta").AcquireWriterLeaseAsync();
        await Store("alpha").PutAsync("a.gsav", (s, ct) => s.WriteAsync(Bytes(10, 4), ct).AsTask());

        Assert.That((await Store("alpha").ListAsync()).Select(e => e.Name), Is.EqualTo(new[] { "a.gsav" }));
        Assert.That(await Store("beta").ListAsync(), Is.Empty);
    }

    [Test]
    public async Task A_lease_whose_holder_stopped_renewing_is_taken_over_once_it_expires()
    {
        // A holder that dies: take the lease with the raw client and never renew it.
        var store = Store();
        await using (await store.AcquireWriterLeaseAsync())
        {
        }

        var lockBlob = Azurite.Container(ContainerName).GetBlobClient("fleet/world/" + AzureBlobSaveStore.LockBlobName);
        await lockBlob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15));
        Assert.ThrowsAsync<WriterLeaseUnavailableException>(() => Store().AcquireWriterLeaseAsync());

        var deadline = DateTime.UtcNow.AddSeconds(40);
        IWriterLease? taken = null;
        while (taken is null && DateTime.UtcNow < deadline)
        {
            try
            {
                taken = await Store().AcquireWriterLeaseAsync();
            }
            catch (WriterLeaseUnavailableException)
            {
                await Task.Delay(500);
            }
        }

        Assert.That(taken, Is.Not.Null, "the lease was taken over after it expired");
        await taken!.DisposeAsync();
    }

    [Test]
    public async Task A_server_that_lost_its_lease_refuses_to_write_and_never_commits_under_the_new_holder()
    {
        var store = Store();
        await using var lease = await store.AcquireWriterLeaseAsync();
        await store.PutAsync("before.gsav", (s, ct) => s.WriteAsync(Bytes(10, 5), ct).AsTask());

        // Someone breaks the lease and another server takes it (what expiry after a network split looks like).
        var lockBlob = Azurite.Container(ContainerName).GetBlobClient("fleet/world/" + AzureBlobSaveStore.LockBlobName);
        await lockBlob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        await using var usurper = await Store().AcquireWriterLeaseAsync();

        var error = Assert.ThrowsAsync<IOException>(() => store.PutAsync("after.gsav", (s, ct) => s.WriteAsync(Bytes(10, 6), ct).AsTask()));
        Assert.That(error!.Message, Does.Contain("lease"));
        Assert.ThrowsAsync<IOException>(() => store.DeleteAsync("before.gsav"), "deletes stop too");
        Assert.That((await store.ListAsync()).Select(e => e.Name), Is.EqualTo(new[] { "before.gsav" }));
    }

    private AzureBlobSaveStore Store(string world = "world") => new(Azurite.Container(ContainerName, Options), "fleet", world, Options);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
