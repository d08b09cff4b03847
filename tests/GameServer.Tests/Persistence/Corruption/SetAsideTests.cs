using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Persistence.Delta;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>Load-latest renames a save damaged in itself to <c>*.corrupt</c> (never deletes it) and renames nothing else.</summary>
[CancelAfter(60_000)]
public class SetAsideTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task Load_latest_renames_a_damaged_newest_save_to_corrupt_and_falls_back_to_the_previous_one()
    {
        using var folder = new TempFolder();
        var (older, newer) = TwoSaves(folder.Path);
        var bytes = DamageLastBlock(newer);

        var result = await SaveLoader.LoadLatestAsync(new LocalFolderStore(folder.Path), setAsideDamaged: true);
        using var snapshot = result.Snapshot;

        Assert.That(result.Entry!.Location, Is.EqualTo(older));
        Assert.That(result.Skipped.Single().Reason, Does.Contain("checksum").And.Contain(Path.GetFileName(newer)));
        Assert.That(result.SetAside.Single(), Is.EqualTo(new SetAsideSave(newer, Path.GetFileName(newer) + ".corrupt")));
        Assert.That(File.Exists(newer), Is.False);
        Assert.That(File.ReadAllBytes(newer + ".corrupt"), Is.EqualTo(bytes), "kept byte for byte");
        Assert.That(SavePaths.List(folder.Path).Select(e => e.Location), Is.EqualTo(new[] { older }), "the catalog no longer lists it");
    }

    [Test]
    public async Task Load_latest_without_set_aside_renames_nothing()
    {
        using var folder = new TempFolder();
        var (older, newer) = TwoSaves(folder.Path);
        DamageLastBlock(newer);

        var result = await SaveLoader.LoadLatestAsync(LocalFolderStore.OpenReadOnly(folder.Path));
        using var snapshot = result.Snapshot;

        Assert.That(result.Entry!.Location, Is.EqualTo(older));
        Assert.That(result.SetAside, Is.Empty);
        Assert.That(File.Exists(newer), Is.True);
    }

    [Test]
    public async Task A_delta_whose_base_is_missing_is_skipped_but_never_renamed()
    {
        using var folder = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(folder.Path, saves: 3);
        File.Delete(Path.Combine(folder.Path, names[0]));

        var result = await SaveLoader.LoadLatestAsync(new LocalFolderStore(folder.Path), setAsideDamaged: true);

        Assert.That(result.Snapshot, Is.Null);
        Assert.That(result.Skipped, Has.Count.EqualTo(2));
        Assert.That(result.SetAside, Is.Empty);
        Assert.That(Directory.GetFiles(folder.Path, "*.gsav").Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(names.Skip(1).Order(StringComparer.Ordinal)));
        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    public async Task Only_the_damaged_link_of_a_chain_is_renamed_and_the_saves_after_it_keep_their_names()
    {
        using var folder = new TempFolder();
        var (names, worlds) = DeltaChainLoadTests.WriteChain(folder.Path, saves: 4);
        DamageLastBlock(Path.Combine(folder.Path, names[2]));

        var result = await SaveLoader.LoadLatestAsync(new LocalFolderStore(folder.Path), setAsideDamaged: true);

        Assert.That(result.Entry!.FileName, Is.EqualTo(names[1]));
        using (var snapshot = result.Snapshot!) TestWorlds.AssertSameBytes(worlds[1], snapshot, "newest intact prefix");
        Assert.That(result.SetAside.Select(s => s.NewName), Is.EqualTo(new[] { names[2] + ".corrupt" }));
        Assert.That(File.Exists(Path.Combine(folder.Path, names[3])), Is.True, "a valid delta whose chain is broken keeps its name");
        foreach (var w in worlds) w.Dispose();
    }

    [Test]
    public async Task A_save_that_cannot_be_read_now_is_not_renamed()
    {
        using var folder = new TempFolder();
        var (older, newer) = TwoSaves(folder.Path);
        var result = await SaveLoader.LoadLatestAsync(new LocalFolderStore(folder.Path, new UnreadableFileSystem(newer)), setAsideDamaged: true);
        using var snapshot = result.Snapshot;

        Assert.That(result.Entry!.Location, Is.EqualTo(older));
        Assert.That(result.SetAside, Is.Empty);
        Assert.That(File.Exists(newer), Is.True);
    }

    [Test]
    public async Task Retention_never_deletes_a_save_set_aside()
    {
        using var folder = new TempFolder();
        var (_, newer) = TwoSaves(folder.Path);
        DamageLastBlock(newer);
        var store = new LocalFolderStore(folder.Path);
        (await SaveLoader.LoadLatestAsync(store, setAsideDamaged: true)).Snapshot?.Dispose();

        var older = TwoSaves(folder.Path, Start.AddMinutes(10));
        var retention = new RetentionRunner(store, new RetentionPolicy { KeepLatest = 1, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero }, new FakeTimeProvider(Start.AddDays(30)), NullLogger.Instance);
        retention.Run();

        Assert.That(File.Exists(older.Older), Is.False, "retention did run and delete a save it no longer keeps");
        Assert.That(File.Exists(newer + ".corrupt"), Is.True, "the set-aside save is never deleted (the admin removes it)");
    }

    private static (string Older, string Newer) TwoSaves(string folder, DateTime? at = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(at ?? Start));
        var world = TestWorlds.Populated(3000);
        var older = SaveFixture.Write(folder, world, SaveKind.Auto, time: time);
        time.Advance(TimeSpan.FromMinutes(1));
        world.AdvanceTick();
        return (older, SaveFixture.Write(folder, world, SaveKind.Auto, time: time));
    }

    // Flips a byte of the last block: the header stays valid, the block checksum fails.
    private static byte[] DamageLastBlock(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[SaveSurgery.DataIndexFromEnd(bytes, 1)] ^= 0x5a;
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    /// <summary>The real file system, except that opening one file fails with an I/O error (a read failure, not damage).</summary>
    private sealed class UnreadableFileSystem(string unreadable) : IDurableFileSystem
    {
        private readonly IDurableFileSystem _inner = PosixFileSystem.Instance;

        public void CreateFolder(string path) => _inner.CreateFolder(path);

        public IReadOnlyList<DurableFileInfo> List(string folder) => _inner.List(folder);

        public DurableFile Create(string path) => _inner.Create(path);

        public void Write(DurableFile file, ReadOnlySpan<byte> data) => _inner.Write(file, data);

        public void Fsync(DurableFile file) => _inner.Fsync(file);

        public void Close(DurableFile file) => _inner.Close(file);

        public void Rename(string source, string destination) => _inner.Rename(source, destination);

        public void FsyncFolder(string folder) => _inner.FsyncFolder(folder);

        public void Delete(string path) => _inner.Delete(path);

        public IReadableFile OpenRead(string path) => path == unreadable ? throw new IOException("Input/output error (injected)") : _inner.OpenRead(path);

        public long? FreeBytes(string folder) => _inner.FreeBytes(folder);

        public IDisposable? TryLock(string path, string holder, out string currentHolder) => _inner.TryLock(path, holder, out currentHolder);
    }
}
