using GameServer.Persistence.Storage;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>
/// The <see cref="ISaveStore"/> contract, written once and run against every store (folder, in memory,
/// and later remote ones): a derived fixture only says how to make a fresh, empty store.
/// </summary>
[CancelAfter(30_000)]
public abstract class SaveStoreContractTests
{
    private ISaveStore _store = null!;

    /// <summary>A fresh, empty, writable store for one test.</summary>
    protected abstract ISaveStore CreateStore();

    /// <summary>Removes what <see cref="CreateStore"/> made.</summary>
    protected virtual void DeleteStore()
    {
    }

    [SetUp]
    public void SetUpStore() => _store = CreateStore();

    [TearDown]
    public void TearDownStore() => DeleteStore();

    [Test]
    public async Task A_new_store_lists_nothing()
    {
        Assert.That(await _store.ListAsync(), Is.Empty);
        Assert.That(_store.IsReadOnly, Is.False);
    }

    [Test]
    public async Task A_put_save_is_listed_with_its_length_and_a_recent_modification_time()
    {
        var before = DateTime.UtcNow.AddMinutes(-1);
        await Put("a.gsav", Bytes(1000, seed: 1));
        await Put("b.gsav", Bytes(10, seed: 2));

        var entries = (await _store.ListAsync()).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Assert.That(entries.Select(e => e.Name), Is.EqualTo(new[] { "a.gsav", "b.gsav" }));
        Assert.That(entries.Select(e => e.Length), Is.EqualTo(new long[] { 1000, 10 }));
        Assert.That(entries.Select(e => e.LastModifiedUtc), Is.All.GreaterThan(before).And.All.LessThan(DateTime.UtcNow.AddMinutes(1)));
    }

    [Test]
    public async Task An_open_save_reads_any_range_at_any_offset_and_zero_bytes_past_its_end()
    {
        var bytes = Bytes(300_000, seed: 3);
        await Put("big.gsav", bytes);

        using var handle = await _store.OpenReadAsync("big.gsav");
        Assert.That(handle.Name, Is.EqualTo("big.gsav"));
        Assert.That(handle.Location, Does.Contain("big.gsav"));
        Assert.That(handle.Length, Is.EqualTo(bytes.Length));
        foreach (var (offset, length) in new[] { (299_990, 10), (0, 16), (123_457, 65_536), (1, 1) })
        {
            var read = new byte[length];
            Assert.That(ReadExactly(handle, offset, read), Is.EqualTo(length));
            Assert.That(read, Is.EqualTo(bytes.AsSpan(offset, length).ToArray()), $"bytes at {offset}");
        }

        var tail = new byte[100];
        Assert.That(ReadExactly(handle, bytes.Length - 40, tail), Is.EqualTo(40), "a read across the end stops at the end");
        Assert.That(handle.Read(bytes.Length, tail), Is.Zero);
    }

    [Test]
    public async Task A_put_whose_writer_fails_leaves_nothing_listed_and_nothing_staged()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => _store.PutAsync("broken.gsav", async (stream, ct) =>
        {
            await stream.WriteAsync(Bytes(5000, seed: 4), ct);
            throw new InvalidOperationException("encoder failed halfway");
        }));

        Assert.That(error!.Message, Is.EqualTo("encoder failed halfway"), "the writer's own error reaches the caller");
        Assert.That(await _store.ListAsync(), Is.Empty);
        Assert.That(await _store.RemoveStaleStagingAsync(), Is.Empty, "no staging was left behind to clean up");
        Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenReadAsync("broken.gsav"));
    }

    [Test]
    public async Task A_cancelled_put_leaves_nothing_listed()
    {
        using var cancel = new CancellationTokenSource();
        Assert.CatchAsync<OperationCanceledException>(() => _store.PutAsync("cancelled.gsav", async (stream, ct) =>
        {
            await stream.WriteAsync(Bytes(100, seed: 5), ct);
            await cancel.CancelAsync();
        }, cancel.Token));

        Assert.That(await _store.ListAsync(), Is.Empty);
        Assert.That(await _store.RemoveStaleStagingAsync(), Is.Empty);
    }

    [Test]
    public async Task A_put_never_overwrites_an_existing_save()
    {
        var original = Bytes(200, seed: 6);
        await Put("same.gsav", original);

        var error = Assert.ThrowsAsync<SaveAlreadyExistsException>(() => Put("same.gsav", Bytes(300, seed: 7)));
        Assert.That(error!.Message, Does.Contain("same.gsav"));
        Assert.That(await ReadAll("same.gsav"), Is.EqualTo(original), "the existing save is untouched");
        Assert.That(await _store.ListAsync(), Has.Count.EqualTo(1));
        Assert.That(await _store.RemoveStaleStagingAsync(), Is.Empty, "the refused put left nothing behind");
    }

    [Test]
    public async Task Delete_removes_a_save_and_deleting_a_missing_one_is_harmless()
    {
        await Put("a.gsav", Bytes(10, seed: 8));
        await Put("b.gsav", Bytes(10, seed: 9));

        await _store.DeleteAsync("a.gsav");
        await _store.DeleteAsync("never-existed.gsav");

        Assert.That((await _store.ListAsync()).Select(e => e.Name), Is.EqualTo(new[] { "b.gsav" }));
        Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenReadAsync("a.gsav"));
    }

    [Test]
    public async Task Quarantine_renames_a_save_to_a_corrupt_name_keeping_its_bytes()
    {
        var bytes = Bytes(300_000, seed: 12);
        await Put("bad.gsav", bytes);
        await Put("good.gsav", Bytes(10, seed: 13));

        var newName = await _store.QuarantineAsync("bad.gsav");

        Assert.That(newName, Is.EqualTo("bad.gsav.corrupt"));
        Assert.That((await _store.ListAsync()).Select(e => e.Name).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "bad.gsav.corrupt", "good.gsav" }));
        Assert.That(await ReadAll(newName), Is.EqualTo(bytes), "set aside, never deleted");
        Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenReadAsync("bad.gsav"));
    }

    [Test]
    public async Task Quarantine_never_replaces_an_earlier_corrupt_copy_of_the_same_name()
    {
        var first = Bytes(100, seed: 14);
        var second = Bytes(200, seed: 15);
        await Put("same.gsav", first);
        Assert.That(await _store.QuarantineAsync("same.gsav"), Is.EqualTo("same.gsav.corrupt"));
        await Put("same.gsav", second);

        Assert.That(await _store.QuarantineAsync("same.gsav"), Is.EqualTo("same.gsav.1.corrupt"));
        Assert.That(await ReadAll("same.gsav.corrupt"), Is.EqualTo(first));
        Assert.That(await ReadAll("same.gsav.1.corrupt"), Is.EqualTo(second));
        Assert.That(await _store.ListAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public void Quarantining_a_missing_save_throws_file_not_found()
    {
        Assert.ThrowsAsync<FileNotFoundException>(() => _store.QuarantineAsync("missing.gsav"));
    }

    [Test]
    public void Opening_a_missing_save_throws_file_not_found()
    {
        Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenReadAsync("missing.gsav"));
    }

    [TestCase("../escape.gsav")]
    [TestCase("sub/dir.gsav")]
    [TestCase("back\\slash.gsav")]
    [TestCase(".hidden")]
    [TestCase("")]
    public void Names_that_could_leave_the_store_or_hit_its_own_files_are_refused(string name)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Put(name, Bytes(1, seed: 10)));
        Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(name));
        Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(name));
        Assert.ThrowsAsync<ArgumentException>(() => _store.QuarantineAsync(name));
    }

    [Test]
    public async Task Free_space_is_unknown_or_not_negative()
    {
        Assert.That(await _store.GetFreeBytesAsync(), Is.Null.Or.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task The_writer_lease_is_exclusive_names_its_holder_and_is_free_again_once_released()
    {
        var first = await _store.AcquireWriterLeaseAsync();
        Assert.That(first.Holder.ProcessId, Is.EqualTo(Environment.ProcessId));

        var refused = Assert.ThrowsAsync<WriterLeaseUnavailableException>(() => _store.AcquireWriterLeaseAsync());
        Assert.That(refused!.Holder?.ProcessId, Is.EqualTo(Environment.ProcessId));
        Assert.That(refused.Message, Does.Contain($"pid {Environment.ProcessId}"));

        await first.DisposeAsync();
        await first.DisposeAsync(); // idempotent
        await using var second = await _store.AcquireWriterLeaseAsync();
        Assert.That(second.Holder.ProcessId, Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public async Task The_lease_file_of_a_store_is_not_a_listed_save()
    {
        await using var lease = await _store.AcquireWriterLeaseAsync();
        await Put("a.gsav", Bytes(10, seed: 11));
        Assert.That((await _store.ListAsync()).Select(e => e.Name), Is.EqualTo(new[] { "a.gsav" }));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static int ReadExactly(ISaveReadHandle handle, long offset, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = handle.Read(offset + total, destination[total..]);
            if (n == 0) break;
            total += n;
        }

        return total;
    }

    private Task Put(string name, byte[] bytes) => _store.PutAsync(name, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask());

    private async Task<byte[]> ReadAll(string name)
    {
        using var handle = await _store.OpenReadAsync(name);
        var bytes = new byte[handle.Length];
        Assert.That(ReadExactly(handle, 0, bytes), Is.EqualTo(bytes.Length));
        return bytes;
    }
}
