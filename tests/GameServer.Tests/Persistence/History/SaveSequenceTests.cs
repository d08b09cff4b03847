using GameServer.Persistence.Autosave;
using GameServer.Persistence.Format;
using GameServer.Persistence.Retention;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.History;

/// <summary>The save sequence orders a world's saves, whatever the wall clock does.</summary>
[CancelAfter(60_000)]
public class SaveSequenceTests() : AutosaveRig(entities: 300)
{
    [Test]
    public void Load_latest_and_retention_follow_the_sequence_after_the_clock_is_set_back()
    {
        var clock = new SettableClock(Noon);
        var options = new AutosaveOptions
        {
            WorldName = "w",
            Interval = TimeSpan.FromHours(1),
            Retention = new RetentionPolicy { KeepLatest = 3, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero },
        };
        var stale = SaveAutosaves(options, clock, 3); // the clock ran an hour fast
        clock.Now = Noon - TimeSpan.FromHours(1); // corrected; the server restarts
        var fresh = SaveAutosaves(options, clock, 3);

        var latest = SavePaths.LoadLatest(Folder.Path);
        using var snapshot = latest.Snapshot!;
        Assert.That(latest.Entry!.FileName, Is.EqualTo(fresh[^1].Name), "the newest save is the last one written, not the one with the latest wall time");
        Assert.That(snapshot.Tick, Is.EqualTo(World.Tick));
        Assert.That(Directory.GetFiles(Folder.Path, "*.gsav").Select(Path.GetFileName), Is.EquivalentTo(fresh.Select(r => r.Name)), "retention kept the new saves and let the stale 'future' ones go");
        Assert.That(SavePaths.List(Folder.Path).Select(e => e.Sequence), Is.EqualTo(new long[] { 6, 5, 4 }), "a restart continues the sequence from the folder's highest");
        Assert.That(stale.Select(r => r.Name), Is.All.Not.AnyOf(fresh.Select(r => r.Name).ToArray()));
    }

    [Test]
    public void A_save_whose_wall_time_and_tick_match_an_existing_save_is_named_by_its_sequence_and_loads_as_the_newest()
    {
        var clock = new SettableClock(Noon);
        var options = new AutosaveOptions { WorldName = "w", Interval = TimeSpan.FromHours(1) };
        var first = SaveOnce(options, clock, SaveKind.Auto);
        World.GetColumn<int>("hp").Set(0, 12345); // same tick, other state: a rollback replayed under the same clock reading
        var second = SaveOnce(options, clock, SaveKind.Auto);

        Assert.That(second.Succeeded, Is.True, second.Error);
        Assert.That(second.Name, Is.EqualTo(SaveNames.WithSequence(first.Name!, 2)));
        Assert.That(SaveNames.TryParse(second.Name!, out var parsed) && parsed.Tick == World.Tick, Is.True, "the longer name is still a save name");
        var latest = SavePaths.LoadLatest(Folder.Path);
        using var snapshot = latest.Snapshot!;
        Assert.That(latest.Entry!.FileName, Is.EqualTo(second.Name));
        Assert.That(snapshot.Columns[snapshot.Schema.IndexOf("hp")].Buffer(0)[..4].ToArray(), Is.EqualTo(BitConverter.GetBytes(12345)));
    }

    [Test]
    public void Retention_keeps_the_newest_saves_by_sequence_even_when_their_capture_times_are_older()
    {
        var noon = Noon.UtcDateTime;
        var saves = new[]
        {
            new RetentionCandidate("a", noon, true, Sequence: 1),
            new RetentionCandidate("b", noon.AddMinutes(1), true, Sequence: 2),
            new RetentionCandidate("c", noon.AddHours(-1), true, Sequence: 3),
            new RetentionCandidate("d", noon.AddHours(-1).AddMinutes(1), true, Sequence: 4),
        };
        var policy = new RetentionPolicy { KeepLatest = 2, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero };

        Assert.That(RetentionPlanner.SelectDeletions(saves, policy, noon.AddHours(-1).AddMinutes(2)), Is.EqualTo(new[] { "b", "a" }));
    }

    [Test]
    public void Saves_without_a_sequence_order_after_every_sequenced_save_and_by_capture_time_among_themselves()
    {
        var noon = Noon.UtcDateTime;
        var saves = new List<SaveOrder>
        {
            new(0, noon.AddHours(2), 5, "legacy-late"),
            new(1, noon, 1, "first"),
            new(0, noon.AddHours(1), 9, "legacy-early"),
            new(2, noon.AddHours(-3), 2, "second"),
        };

        SaveOrder.SortNewestFirst(saves, s => s);

        Assert.That(saves.Select(s => s.Name), Is.EqualTo(new[] { "second", "first", "legacy-late", "legacy-early" }));
    }

    [Test]
    public void A_header_with_a_negative_sequence_is_refused_as_damaged()
    {
        var path = SaveFixture.Write(Folder.Path, World);
        SaveSurgery.RewriteHeader(path, h => h.Sequence = -1);

        Assert.That(SavePaths.Verify(path)?.Message, Does.Contain("sequence -1 is outside"));
    }

    [Test]
    public void A_delta_whose_base_has_a_later_sequence_is_refused_as_a_broken_chain()
    {
        var clock = new SettableClock(Noon);
        var options = new AutosaveOptions { WorldName = "w", Interval = TimeSpan.FromHours(1) };
        var saves = SaveAutosaves(options, clock, 2);
        Assert.That(SavePaths.Open(saves[1].Location!).Header.IsDelta, Is.True, "the second autosave is a delta on the first");
        SaveSurgery.RewriteHeader(saves[0].Location!, h => h.Sequence = 7);

        var error = SavePaths.Verify(saves[1].Location!, decode: true);
        Assert.That(error?.Message, Does.Contain("not older than the delta's 2"));
    }

    /// <summary>One service (a server run) writing <paramref name="count"/> autosaves a minute apart.</summary>
    private List<SaveResult> SaveAutosaves(AutosaveOptions options, SettableClock clock, int count)
    {
        using var service = ServerRun(Folder.Path, options, clock);
        var results = new List<SaveResult>();
        for (var i = 0; i < count; i++)
        {
            World.GetColumn<float>("x").Set(i, i);
            results.Add(SaveAMinuteLater(service, clock));
        }

        return results;
    }

    private SaveResult SaveOnce(AutosaveOptions options, SettableClock clock, SaveKind kind)
    {
        using var service = ServerRun(Folder.Path, options, clock);
        return service.SaveAndWait(World, kind, null, SaveFixture.Timeout);
    }
}
