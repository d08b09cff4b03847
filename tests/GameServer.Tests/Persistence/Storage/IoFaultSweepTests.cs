using GameServer.Persistence.Autosave;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>
/// Promise 2 over the real <see cref="LocalFolderStore"/>: ENOSPC, EIO, EFBIG and EACCES injected at every call
/// of the write, read and retention paths, once and persistently. The last good save stays intact, no file with
/// a save name is ever partial, no temp file outlives the fault, only I/O exception types come out, and once the
/// fault clears the path works again.
/// </summary>
[CancelAfter(300_000)]
public class IoFaultSweepTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private TempFolder _folder = null!;

    public static IEnumerable<TestCaseData> Faults() =>
        from fault in Enum.GetValues<InjectedFault>()
        from persistent in new[] { false, true }
        select new TestCaseData(fault, persistent).SetArgDisplayNames(fault.ToString(), persistent ? "persistent" : "once");

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [TestCaseSource(nameof(Faults))]
    public async Task Write_path_fault_at_every_call_keeps_the_last_good_save_and_the_next_write_succeeds_once_it_clears(InjectedFault fault, bool persistent)
    {
        var calls = await MeasureAsync(async (store, _) => await new SaveWriter(store, 0).WriteAsync(Encode(2), Name(2)));
        var injected = 0;
        for (var at = 0; at < calls; at++)
        {
            var (folder, files, store) = Fresh(at);
            var good = await WriteGoodAsync(store, 1);
            files.Arm(at, fault, persistent);

            var error = await CaughtAsync(() => new SaveWriter(store, 0).WriteAsync(Encode(2), Name(2)));

            injected += files.Injected;
            var context = $"fault {fault} at call {at} ({CallAt(files, at)}), {(persistent ? "persistent" : "once")}: {error?.Message}";
            Assert.That(files.Injected, Is.GreaterThan(0), context);
            AssertIntact(folder, good, context);
            if (!persistent) Assert.That(Temps(folder), Is.Empty, "no temp file left: " + context);

            files.Clear();
            await store.RemoveStaleStagingAsync(); // what the next start (or the autosave's first success after a failure) does
            await new SaveWriter(store, 0).WriteAsync(Encode(3), Name(3));
            Assert.That(SavePaths.Verify(Path.Combine(folder, Name(3))), Is.Null, context);
            Assert.That(Temps(folder), Is.Empty, context);
        }

        Record(injected, calls);
    }

    [TestCaseSource(nameof(Faults))]
    public async Task Read_path_fault_at_every_call_falls_back_or_fails_cleanly_and_loads_the_newest_once_it_clears(InjectedFault fault, bool persistent)
    {
        var calls = await MeasureAsync(async (store, _) => (await SaveLoader.LoadLatestAsync(store)).Snapshot?.Dispose(), autosaves: 2);
        var injected = 0;
        for (var at = 0; at < calls; at++)
        {
            var (folder, files, _) = Fresh(at);
            var clean = new LocalFolderStore(folder);
            await WriteGoodAsync(clean, 1);
            var newest = await WriteGoodAsync(clean, 2);
            var reader = LocalFolderStore.OpenReadOnly(folder, files);
            files.Arm(at, fault, persistent);

            LoadResult? result = null;
            var error = await CaughtAsync(async () => result = await SaveLoader.LoadLatestAsync(reader));

            injected += files.Injected;
            var context = $"fault {fault} at call {at} ({CallAt(files, at)}): {error?.Message}";
            if (error is not null) Assert.That(CallAt(files, at), Does.StartWith("List"), "only a listing failure fails the load; a read failure falls back: " + context);
            using (result?.Snapshot)
            {
                Assert.That(result?.Snapshot?.Tick, Is.Null.Or.EqualTo(1L).Or.EqualTo(2L), "the newest save, the one before it, or none: " + context);
                if (result is { Snapshot: null }) Assert.That(result.Skipped, Is.Not.Empty, "nothing loaded: each save skipped with a reason; " + context);
            }

            AssertIntact(folder, newest, context);
            files.Clear();
            using var loaded = (await SaveLoader.LoadLatestAsync(reader)).Snapshot;
            Assert.That(loaded?.Tick, Is.EqualTo(2), context);
        }

        Record(injected, calls);
    }

    [TestCaseSource(nameof(Faults))]
    public async Task Retention_fault_at_every_call_never_throws_nor_deletes_a_kept_save_and_rotates_once_it_clears(InjectedFault fault, bool persistent)
    {
        var calls = await MeasureAsync(async (store, folder) => Retention(store).Run(), autosaves: 4);
        var injected = 0;
        for (var at = 0; at < calls; at++)
        {
            var (folder, files, store) = Fresh(at);
            for (var i = 1; i <= 4; i++) await WriteGoodAsync(new LocalFolderStore(folder), i);
            files.Arm(at, fault, persistent);

            Assert.DoesNotThrow(() => Retention(store).Run());

            injected += files.Injected;
            var context = $"fault {fault} at call {at} ({CallAt(files, at)})";
            Assert.That(SaveNamesIn(folder), Is.SupersetOf(new[] { Name(3), Name(4) }), "the two kept saves stay: " + context);
            foreach (var file in SaveNamesIn(folder)) Assert.That(SavePaths.Verify(Path.Combine(folder, file)), Is.Null, context);
            files.Clear();
            Retention(store).Run();
            Assert.That(SaveNamesIn(folder), Is.EquivalentTo(new[] { Name(3), Name(4) }), context);
        }

        Record(injected, calls);
    }

    [TestCaseSource(nameof(Faults))]
    public async Task Making_room_fault_at_every_call_never_throws_nor_deletes_the_newest_save(InjectedFault fault, bool persistent)
    {
        var calls = await MeasureAsync(async (store, folder) => Retention(store).FreeRoom(long.MaxValue), autosaves: 3);
        var injected = 0;
        for (var at = 0; at < calls; at++)
        {
            var (folder, files, store) = Fresh(at);
            for (var i = 1; i <= 3; i++) await WriteGoodAsync(new LocalFolderStore(folder), i);
            files.Arm(at, fault, persistent);

            Assert.DoesNotThrow(() => Retention(store).FreeRoom(long.MaxValue));

            injected += files.Injected;
            var context = $"fault {fault} at call {at} ({CallAt(files, at)})";
            Assert.That(SaveNamesIn(folder), Does.Contain(Name(3)), context);
            foreach (var file in SaveNamesIn(folder)) Assert.That(SavePaths.Verify(Path.Combine(folder, file)), Is.Null, context);
            files.Clear();
            Retention(store).FreeRoom(long.MaxValue);
            Assert.That(SaveNamesIn(folder), Is.EquivalentTo(new[] { Name(3) }), context);
        }

        Record(injected, calls);
    }

    /// <summary>How many file-system calls <paramref name="path"/> makes on a folder holding <paramref name="autosaves"/> good autosaves.</summary>
    private async Task<int> MeasureAsync(Func<LocalFolderStore, string, Task> path, int autosaves = 1)
    {
        var (folder, files, store) = Fresh(-1);
        for (var i = 1; i <= autosaves; i++) await WriteGoodAsync(new LocalFolderStore(folder), i);
        files.Count();
        await path(store, folder);
        Assert.That(files.Calls, Is.Not.Empty);
        return files.Calls.Count;
    }

    private (string Folder, FaultInjectingFileSystem Files, LocalFolderStore Store) Fresh(int index)
    {
        var folder = _folder.File("at" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var files = new FaultInjectingFileSystem();
        return (folder, files, new LocalFolderStore(folder, files));
    }

    private static async Task<byte[]> WriteGoodAsync(ISaveStore store, int tick)
    {
        await new SaveWriter(store, 0).WriteAsync(Encode(tick), Name(tick));
        return File.ReadAllBytes(store.LocationOf(Name(tick)));
    }

    // Encoded as it is written (inside the put): the snapshot and the encoder live as long as the pending save (the GC takes them).
    private static PendingSave Encode(int tick)
    {
        var world = TestWorlds.Populated(300, seed: tick);
        for (var i = 0; i < tick; i++) world.AdvanceTick();
        var snapshot = TestWorlds.FullCopy(world);
        var encoder = new SnapshotEncoder();
        return encoder.PrepareFull(snapshot, "test", "auto", "");
    }

    private static string Name(int tick) => SaveNames.Auto(Start.AddMinutes(tick), tick);

    private static RetentionRunner Retention(ISaveStore store) =>
        new(store, new RetentionPolicy { KeepLatest = 2, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero }, new FakeTimeProvider(new DateTimeOffset(Start.AddHours(1))), NullLogger.Instance);

    /// <summary>Runs <paramref name="action"/>; the exception it threw (only I/O types may come out), or null.</summary>
    private static async Task<Exception?> CaughtAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    /// <summary>The good save is byte for byte what it was, and every file with a save name verifies (none is partial).</summary>
    private static void AssertIntact(string folder, byte[] good, string context)
    {
        var files = SaveNamesIn(folder);
        Assert.That(files.Select(f => File.ReadAllBytes(Path.Combine(folder, f))), Has.Some.EqualTo(good), "the last good save is intact: " + context);
        foreach (var file in files) Assert.That(SavePaths.Verify(Path.Combine(folder, file)), Is.Null, $"{file} verifies: {context}");
    }

    private static List<string> SaveNamesIn(string folder) => Directory.GetFiles(folder, "*.gsav").Select(p => Path.GetFileName(p)!).ToList();

    private static List<string> Temps(string folder) => Directory.GetFiles(folder, "*.tmp").ToList();

    private static string CallAt(FaultInjectingFileSystem files, int at) => files.Calls is { } calls && at < calls.Count ? calls[at] : "?";

    private static void Record(int injected, int calls) =>
        TestContext.Out.WriteLine($"{injected} faults injected over {calls} call positions (run total {FaultInjectingFileSystem.TotalInjected})");
}
