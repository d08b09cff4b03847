using System.Diagnostics;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;
using GameServer.Tests.World;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>What the folder store does with entries an unlucky or hostile operator leaves: FIFOs, symlinks, a removed folder.</summary>
[CancelAfter(30_000)]
public class OddFolderEntryTests
{
    private const string SaveName = "auto-20261125T120000000Z-t0000000009.gsav";
    private TempFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Put_recreates_the_world_folder_removed_while_running()
    {
        var world = Path.Combine(_folder.Path, "w");
        var store = new LocalFolderStore(world);
        Directory.Delete(world, recursive: true);

        await store.PutAsync("auto-x.gsav", (stream, ct) => stream.WriteAsync(new byte[10], ct).AsTask());

        Assert.That(new FileInfo(Path.Combine(world, "auto-x.gsav")).Length, Is.EqualTo(10));
    }

    [Test]
    public async Task Put_into_a_recreated_world_folder_takes_the_writer_lock_again_so_a_second_server_is_refused()
    {
        var world = Path.Combine(_folder.Path, "w");
        var store = new LocalFolderStore(world);
        await using var lease = await store.AcquireWriterLeaseAsync();
        Directory.Delete(world, recursive: true);

        await store.PutAsync("auto-x.gsav", (stream, ct) => stream.WriteAsync(new byte[10], ct).AsTask());

        var second = new LocalFolderStore(world);
        var refused = Assert.ThrowsAsync<WriterLeaseUnavailableException>(() => second.AcquireWriterLeaseAsync());
        Assert.That(refused!.Holder, Is.EqualTo(lease.Holder), "the recreated lock file names the holder again");
    }

    [Test]
    public async Task Once_another_server_took_the_recreated_world_folder_every_later_put_is_refused_naming_it()
    {
        var world = Path.Combine(_folder.Path, "w");
        var files = new FaultyFileSystem();
        var store = new LocalFolderStore(world, files);
        await using var lease = await store.AcquireWriterLeaseAsync();
        Directory.Delete(world, recursive: true);
        IWriterLease? other = null;
        files.AfterCreateFolder = _ => other ??= new LocalFolderStore(world).AcquireWriterLeaseAsync().GetAwaiter().GetResult(); // another server wins the race

        var put = () => store.PutAsync("auto-x.gsav", (stream, ct) => stream.WriteAsync(new byte[10], ct).AsTask());

        Assert.ThrowsAsync<WriterLeaseUnavailableException>(() => put());
        var again = Assert.ThrowsAsync<WriterLeaseUnavailableException>(() => put(), "refused for good, not only once");
        Assert.That(again!.Message, Does.Contain("another server"));
        Assert.That(Directory.GetFiles(world, "*.gsav"), Is.Empty, "nothing written into the world another server now owns");
        other!.Dispose();
    }

    [Test]
    public async Task A_fifo_named_like_a_save_is_not_listed_and_loading_latest_does_not_block()
    {
        var older = SaveFixture.Write(_folder.Path, TestWorlds.Populated(100));
        MakeFifo(_folder.File(SaveName));
        var store = LocalFolderStore.OpenReadOnly(_folder.Path);

        var load = Task.Run(() => SaveLoader.LoadLatestAsync(store));
        Assert.That(await Task.WhenAny(load, Task.Delay(10_000)), Is.SameAs(load), "listing or loading opened the FIFO and blocked");
        var result = await load;
        using var snapshot = result.Snapshot;
        Assert.That(result.Entry!.Location, Is.EqualTo(older));
        Assert.That((await store.ListAsync()).Select(e => e.Name), Does.Not.Contain(SaveName));
    }

    [Test]
    public async Task Opening_a_fifo_named_like_a_save_fails_at_once_instead_of_blocking()
    {
        MakeFifo(_folder.File(SaveName));
        var store = LocalFolderStore.OpenReadOnly(_folder.Path);

        var open = Task.Run(() => store.OpenReadAsync(SaveName));
        Assert.That(await Task.WhenAny(open, Task.Delay(10_000)), Is.SameAs(open), "the open blocked on the FIFO");
        var error = Assert.ThrowsAsync<IOException>(() => open);
        Assert.That(error!.Message, Does.Contain("not a regular file"));
    }

    [Test]
    public async Task A_symlink_named_like_a_save_is_neither_listed_nor_followed()
    {
        using var outside = new TempFolder();
        var target = SaveFixture.Write(outside.Path, TestWorlds.Populated(100));
        File.CreateSymbolicLink(_folder.File(SaveName), target);
        var store = LocalFolderStore.OpenReadOnly(_folder.Path);

        Assert.That(await store.ListAsync(), Is.Empty);
        var error = Assert.ThrowsAsync<IOException>(() => store.OpenReadAsync(SaveName));
        Assert.That(error!.Message, Does.Contain("symbolic link"));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero);
    }
}
