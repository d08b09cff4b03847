using System.Buffers.Binary;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Persistence;

public class SaveCorruptionTests
{
    private static (TempFolder Folder, string Older, string Newer) TwoSaves()
    {
        var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var world = TestWorlds.Populated(20_000);
        var older = SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);
        time.Advance(TimeSpan.FromMinutes(5));
        world.AdvanceTick();
        world.GetColumn<float>("x").Write().Fill(9);
        var newer = SaveFixture.Write(folder.Path, world, SaveKind.Auto, time: time);
        return (folder, older, newer);
    }

    [Test]
    public void Load_latest_falls_back_past_a_truncated_newest_save()
    {
        var (folder, older, newer) = TwoSaves();
        using var _ = folder;
        var bytes = File.ReadAllBytes(newer);
        File.WriteAllBytes(newer, bytes[..(bytes.Length / 2)]);

        var result = SavePaths.LoadLatest(folder.Path);
        using var snapshot = result.Snapshot;
        Assert.That(result.Entry!.Location, Is.EqualTo(older));
        Assert.That(result.Skipped, Has.Count.EqualTo(1));
        Assert.That(result.Skipped[0].Location, Is.EqualTo(newer));
        Assert.That(result.Skipped[0].Reason, Does.Contain("truncated"));
    }

    [Test]
    public void Load_latest_falls_back_past_a_bit_flipped_newest_save()
    {
        var (folder, older, newer) = TwoSaves();
        using var _ = folder;
        var bytes = File.ReadAllBytes(newer);
        bytes[bytes.Length - 200] ^= 0x10;
        File.WriteAllBytes(newer, bytes);

        var result = SavePaths.LoadLatest(folder.Path);
        using var snapshot = result.Snapshot;
        Assert.That(result.Entry!.Location, Is.EqualTo(older));
        Assert.That(result.Skipped.Single().Reason, Does.Contain("checksum"));
        Assert.That(snapshot!.GetColumn("x").Values<float>()[0], Is.Not.EqualTo(9f), "the older world, not the damaged newer one");
    }

    [Test]
    public void Load_latest_with_no_valid_save_returns_nothing_and_every_reason()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("auto-20261125T120000000Z-t0000000001.gsav"), []);
        File.WriteAllText(folder.File("auto-20261125T120100000Z-t0000000002.gsav"), "not a save at all, just text that is long enough");
        var result = SavePaths.LoadLatest(folder.Path);
        Assert.That(result.Snapshot, Is.Null);
        Assert.That(result.Skipped.Select(s => s.Reason), Has.Some.Contains("empty").And.Some.Contains("magic"));
    }

    [Test]
    public void Reader_rejects_a_newer_format_version_naming_both()
    {
        using var folder = new TempFolder();
        var path = SaveFixture.Write(folder.Path, TestWorlds.Populated(10));
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 7);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SaveFormatException>(() => SavePaths.Open(path));
        Assert.That(error!.Message, Does.Contain("version 7").And.Contain($"{SaveFormat.OldestReadableVersion} to {SaveFormat.CurrentVersion}"));
        Assert.That(error.File, Is.EqualTo(path));
    }

    [Test]
    public void Any_single_byte_corruption_raises_only_the_documented_exception()
    {
        using var folder = new TempFolder();
        var path = SaveFixture.Write(folder.Path, TestWorlds.Populated(3000));
        var original = File.ReadAllBytes(path);
        var random = new Random(99);
        var damaged = folder.File("damaged.gsav");
        for (var trial = 0; trial < 400; trial++)
        {
            var bytes = (byte[])original.Clone();
            var at = trial < 100 ? random.Next(Math.Min(bytes.Length, 4000)) : random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
            var length = trial % 7 == 0 ? random.Next(bytes.Length) : bytes.Length;
            File.WriteAllBytes(damaged, bytes[..length]);
            try
            {
                using var file = SavePaths.Open(damaged);
                using var snapshot = file.ReadSnapshot();
            }
            catch (SaveFormatException e)
            {
                Assert.That(e.Message, Does.Contain(damaged));
            }
        }
    }

    [Test]
    public void Missing_file_is_a_save_format_error_naming_the_file()
    {
        var error = Assert.Throws<SaveFormatException>(() => SavePaths.Open("/nonexistent/nowhere.gsav"));
        Assert.That(error!.File, Is.EqualTo("/nonexistent/nowhere.gsav"));
    }
}
