using System.Text;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>What only the folder store promises: the order of its file-system steps, its temp and lock files, read-only use.</summary>
[CancelAfter(30_000)]
public class LocalFolderStoreTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task A_put_creates_writes_fsyncs_closes_renames_and_fsyncs_the_folder_in_that_order()
    {
        var files = new RecordingFileSystem();
        var store = new LocalFolderStore(_folder.Path, files);
        files.Calls.Clear();

        await store.PutAsync("auto-x.gsav", async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[100], ct);
            await stream.WriteAsync(new byte[50], ct);
        });

        var steps = files.Steps();
        Assert.That(steps, Has.Count.EqualTo(6), string.Join("\n", steps));
        var temp = steps[0]["Create ".Length..];
        Assert.That(SaveNames.IsTemp(temp), Is.True, $"{temp} is a hidden temp name");
        Assert.That(steps, Is.EqualTo(new[]
        {
            $"Create {temp}", $"Write {temp}", $"Fsync {temp}", $"Close {temp}", $"Rename {temp} -> auto-x.gsav", $"FsyncFolder {Path.GetFileName(_folder.Path)}",
        }));
        Assert.That(files.Calls.Count(c => c.StartsWith("Write ", StringComparison.Ordinal)), Is.EqualTo(2), "each stream write is one seam write");
        Assert.That(new FileInfo(_folder.File("auto-x.gsav")).Length, Is.EqualTo(150));
    }

    [Test]
    public async Task A_failed_write_closes_and_deletes_the_temp_file_and_never_renames()
    {
        var files = new RecordingFileSystem(new FaultyFileSystem { FailWriteAfterBytes = 10 });
        var store = new LocalFolderStore(_folder.Path, files);
        files.Calls.Clear();

        var error = Assert.ThrowsAsync<IOException>(() => store.PutAsync("auto-x.gsav", (stream, ct) => stream.WriteAsync(new byte[100], ct).AsTask()));

        Assert.That(error!.Message, Does.Contain("No space left"));
        var temp = files.Calls[0]["Create ".Length..];
        Assert.That(files.Steps(), Is.EqualTo(new[] { $"Create {temp}", $"Write {temp}", $"Close {temp}", $"Delete {temp}" }));
        Assert.That(Directory.GetFiles(_folder.Path), Is.Empty);
    }

    [Test]
    public async Task A_failed_rename_deletes_the_closed_temp_file_and_keeps_earlier_saves()
    {
        var faults = new FaultyFileSystem();
        var store = new LocalFolderStore(_folder.Path, faults);
        await store.PutAsync("good.gsav", (stream, ct) => stream.WriteAsync(new byte[] { 1, 2, 3 }, ct).AsTask());

        faults.FailRename = true;
        Assert.ThrowsAsync<UnauthorizedAccessException>(() => store.PutAsync("next.gsav", (stream, ct) => stream.WriteAsync(new byte[10], ct).AsTask()));

        Assert.That(Directory.GetFiles(_folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "good.gsav" }));
        Assert.That(File.ReadAllBytes(_folder.File("good.gsav")), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task Stale_temp_files_are_removed_and_named_while_saves_and_the_lock_file_stay()
    {
        var store = new LocalFolderStore(_folder.Path);
        await using var lease = await store.AcquireWriterLeaseAsync();
        await store.PutAsync("keep.gsav", (stream, ct) => stream.WriteAsync(new byte[] { 7 }, ct).AsTask());
        var stale = SaveNames.Temp("lost.gsav");
        File.WriteAllText(_folder.File(stale), "half a save");

        Assert.That(await store.RemoveStaleStagingAsync(), Is.EqualTo(new[] { stale }));
        Assert.That(Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(new[] { LocalFolderStore.LockFileName, "keep.gsav" }));
    }

    [Test]
    public async Task The_lock_file_names_the_holder_while_held_and_not_after_release()
    {
        var store = new LocalFolderStore(_folder.Path);
        var lease = await store.AcquireWriterLeaseAsync();
        var text = ReadShared(_folder.File(LocalFolderStore.LockFileName));
        Assert.That(WriterLeaseHolder.TryParse(text), Is.EqualTo(WriterLeaseHolder.Current()));

        lease.Dispose();
        Assert.That(ReadShared(_folder.File(LocalFolderStore.LockFileName)), Is.Empty, "a released lock names nobody");
    }

    [Test]
    public async Task A_read_only_store_creates_no_folder_takes_no_lock_and_refuses_writes()
    {
        var missing = Path.Combine(_folder.Path, "not-there");
        var absent = LocalFolderStore.OpenReadOnly(missing);
        Assert.That(await absent.ListAsync(), Is.Empty);
        Assert.That(missing, Does.Not.Exist);

        var files = new RecordingFileSystem();
        var store = LocalFolderStore.OpenReadOnly(_folder.Path, files);
        Assert.That(store.IsReadOnly, Is.True);
        Assert.ThrowsAsync<InvalidOperationException>(() => store.PutAsync("a.gsav", (_, _) => Task.CompletedTask));
        Assert.ThrowsAsync<InvalidOperationException>(() => store.DeleteAsync("a.gsav"));
        Assert.ThrowsAsync<InvalidOperationException>(() => store.AcquireWriterLeaseAsync());
        Assert.ThrowsAsync<InvalidOperationException>(() => store.RemoveStaleStagingAsync());
        Assert.That(files.Calls, Is.Empty, "nothing reached the file system");
        Assert.That(Directory.GetFiles(_folder.Path), Is.Empty);
    }

    [Test]
    public void Holder_text_round_trips_and_unreadable_text_names_nobody()
    {
        var holder = new WriterLeaseHolder(4242, "web-1", new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc));
        Assert.That(WriterLeaseHolder.TryParse(holder.Serialize()), Is.EqualTo(holder));
        Assert.That(holder.ToString(), Is.EqualTo("pid 4242 on host 'web-1', started 2026-11-25 12:00:00Z"));
        Assert.That(WriterLeaseHolder.TryParse(""), Is.Null);
        Assert.That(WriterLeaseHolder.TryParse("garbage"), Is.Null);
    }

    /// <summary>Reads the lock file with libc: .NET's own open takes a shared flock, which the held lease refuses.</summary>
    private static unsafe string ReadShared(string path)
    {
        var fd = Libc.Open(path, 0 /* O_RDONLY */);
        Assert.That(fd, Is.GreaterThanOrEqualTo(0), $"open {path}");
        try
        {
            var buffer = new byte[4096];
            nint read;
            fixed (byte* p = buffer) read = Libc.Pread(fd, p, buffer.Length, 0);
            return Encoding.UTF8.GetString(buffer, 0, (int)read);
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }
}
