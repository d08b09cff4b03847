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
