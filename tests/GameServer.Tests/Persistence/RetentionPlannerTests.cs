using GameServer.Persistence.Retention;

namespace GameServer.Tests.Persistence;

public class RetentionPlannerTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Keeps_newest_n_plus_one_per_hour_for_a_day_and_one_per_day_for_a_week()
    {
        // One autosave every 10 minutes for 10 days.
        var saves = Enumerable.Range(0, 6 * 24 * 10)
            .Select(i => new RetentionCandidate($"s{i:D5}", Now.AddMinutes(-10 * i), Verified: true))
            .ToList();
        var policy = new RetentionPolicy { KeepLatest = 10, HourlyFor = TimeSpan.FromDays(1), DailyFor = TimeSpan.FromDays(7) };

        var deleted = RetentionPlanner.SelectDeletions(saves, policy, Now).ToHashSet();
        var kept = saves.Where(s => !deleted.Contains(s.FileName)).ToList();

        Assert.That(kept.Take(10).Select(s => s.FileName), Is.EqualTo(saves.Take(10).Select(s => s.FileName)), "newest 10");
        var lastDay = kept.Where(s => s.CapturedAtUtc >= Now.AddDays(-1)).ToList();
        var hours = lastDay.Select(s => s.CapturedAtUtc.Date.AddHours(s.CapturedAtUtc.Hour)).Distinct().Count();
        Assert.That(hours, Is.EqualTo(25), "every hour bucket of the last day (24 h spans 25 calendar hours) keeps one");
        var week = kept.Where(s => s.CapturedAtUtc < Now.AddDays(-1) && s.CapturedAtUtc >= Now.AddDays(-7)).ToList();
        Assert.That(week.Select(s => s.CapturedAtUtc.Date).Distinct().Count(), Is.EqualTo(week.Count), "one per day beyond the first day");
        Assert.That(kept.Any(s => s.CapturedAtUtc < Now.AddDays(-7).AddMinutes(-10)), Is.False, "nothing older than a week");
        Assert.That(kept, Has.Count.LessThan(10 + 25 + 8));
    }

    [Test]
    public void Unverified_saves_are_neither_counted_nor_deleted()
    {
        var saves = new List<RetentionCandidate>
        {
            new("bad1", Now, false),
            new("bad2", Now.AddMinutes(-1), false),
            new("good1", Now.AddMinutes(-2), true),
            new("good2", Now.AddMinutes(-3), true),
            new("good3", Now.AddMinutes(-4), true),
        };
        var deleted = RetentionPlanner.SelectDeletions(saves, new RetentionPolicy { KeepLatest = 2, HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero }, Now);
        Assert.That(deleted, Is.EqualTo(new[] { "good3" }));
    }

    [Test]
    public void Room_deletions_keep_the_newest_verified_autosave_and_its_chain_and_go_oldest_chain_first_each_from_its_newest_end()
    {
        // Chain A (oldest): a0 <- a1 <- a2; chain B: b0 <- b1; chain C (newest): c0 <- c1; c2 is damaged.
        var saves = new List<RetentionCandidate>
        {
            new("a0", Now.AddMinutes(-10), true),
            new("a1", Now.AddMinutes(-9), true, "a0"),
            new("a2", Now.AddMinutes(-8), true, "a1"),
            new("b0", Now.AddMinutes(-7), true),
            new("b1", Now.AddMinutes(-6), true, "b0"),
            new("c0", Now.AddMinutes(-5), true),
            new("c1", Now.AddMinutes(-4), true, "c0"),
            new("c2", Now.AddMinutes(-3), false, "c1"),
        };

        var order = RetentionPlanner.SelectRoomDeletions(saves);

        Assert.That(order, Is.EqualTo(new[] { "a2", "a1", "a0", "b1", "b0" }), "c1 is the newest verified autosave: it and its base c0 stay; the damaged c2 is not touched");
    }

    [Test]
    public void Room_deletions_of_a_single_verified_autosave_are_none()
    {
        var saves = new List<RetentionCandidate> { new("only", Now, true), new("bad", Now.AddMinutes(1), false) };
        Assert.That(RetentionPlanner.SelectRoomDeletions(saves), Is.Empty);
    }
}
