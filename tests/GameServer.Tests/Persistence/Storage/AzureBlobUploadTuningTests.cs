using GameServer.Persistence.Autosave;
using GameServer.Persistence.AzureBlob;
using GameServer.Tests.Persistence.Autosave;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>How blocks are uploaded: on threads below the process's priority, with the transactional checksum chosen.</summary>
[NonParallelizable]
[CancelAfter(60_000)]
public class AzureBlobUploadTuningTests : AzuriteContainerFixture
{
    private static readonly AzureBlobStoreOptions Options = new() { BlockSize = 64 * 1024, LeaseDuration = TimeSpan.FromSeconds(15) };

    [Test]
    public async Task Blocks_are_uploaded_on_threads_lowered_by_the_configured_nice_increment()
    {
        var (_, expected) = SaveThreadPriorityTests.Expected(increment: 3); // an increment no other test uses: its own threads
        var options = Options with { UploadThreadNice = 3 };
        var store = new AzureBlobSaveStore(Azurite.Container(ContainerName, options), "tuning", "world", options);
        var bytes = Bytes(600_000, seed: 1); // 10 blocks of 64 KiB

        await store.PutAsync("lowered.gsav", (stream, ct) => stream.WriteAsync(bytes, ct).AsTask());

        var uploaders = ThreadsNamed("blob-upload+3");
        Assert.That(uploaders, Has.Count.EqualTo(Options.UploadParallelism));
        Assert.That(uploaders.Select(BackgroundNice.NiceOf), Is.All.EqualTo(expected));
        using var handle = await store.OpenReadAsync("lowered.gsav");
        Assert.That(handle.Length, Is.EqualTo(bytes.Length));
    }

    [TestCase(BlockChecksum.None)]
    [TestCase(BlockChecksum.Md5)]
    [TestCase(BlockChecksum.Crc64)]
    public async Task A_save_staged_with_each_block_checksum_reads_back_byte_for_byte(BlockChecksum checksum)
    {
        var options = Options with { TransferChecksum = checksum };
        var store = new AzureBlobSaveStore(Azurite.Container(ContainerName, options), "tuning", "world", options);
        var bytes = Bytes(300_000, seed: 2);

        await store.PutAsync("checked.gsav", (stream, ct) => stream.WriteAsync(bytes, ct).AsTask());

        using var handle = await store.OpenReadAsync("checked.gsav");
        var read = new byte[bytes.Length];
        var total = 0;
        while (total < read.Length) total += handle.Read(total, read.AsSpan(total));
        Assert.That(read, Is.EqualTo(bytes));
    }

    [TestCase("md5", BlockChecksum.Md5)]
    [TestCase("CRC64", BlockChecksum.Crc64)]
    [TestCase("none", BlockChecksum.None)]
    [TestCase(null, BlockChecksum.None)]
    public void The_block_checksum_comes_from_its_environment_variable_and_defaults_to_none(string? value, BlockChecksum expected)
    {
        var store = (AzureBlobSaveStore)StoreAddress.Parse("azblob:saves/eu").Open("world", readOnly: true, Environment(value));

        Assert.That(store.Options.TransferChecksum, Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_block_checksum_is_refused_naming_the_variable_and_the_choices()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => StoreAddress.Parse("azblob:saves/eu").Open("world", readOnly: true, Environment("sha1")));

        Assert.That(refused!.Message, Does.Contain(StoreAddress.BlockChecksumVariable).And.Contain("none, md5 or crc64").And.Contain("'sha1'"));
    }

    private static Func<string, string?> Environment(string? checksum) => name => name switch
    {
        StoreAddress.ConnectionStringVariable => "AccountName=devstoreaccount1;AccountKey=" + Convert.ToBase64String(new byte[64]) + ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1",
        StoreAddress.BlockChecksumVariable => checksum,
        _ => null,
    };

    private static List<int> ThreadsNamed(string name) =>
        Directory.GetDirectories("/proc/self/task")
            .Select(folder => (Tid: int.Parse(Path.GetFileName(folder), System.Globalization.CultureInfo.InvariantCulture), Comm: ReadComm(folder)))
            .Where(t => t.Comm == name)
            .Select(t => t.Tid)
            .ToList();

    private static string? ReadComm(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, "comm")).TrimEnd('\n');
        }
        catch (IOException)
        {
            return null; // the thread ended meanwhile
        }
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
