using GameServer.Persistence.Retention;

namespace GameServer.Tests.Persistence.Delta;

/// <summary>Retention over chains, against a reference model: random save/rotate sequences never break a kept chain.</summary>
public class ChainRetentionTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Random_save_and_rotate_sequences_never_delete_a_base_a_kept_delta_needs(int seed)
    {
        var random = new Random(seed);
        var disk = new List<RetentionCandidate>(); // oldest first
        string? previous = null;
        for (var step = 0; step < 2000; step++)
        {
            var name = $"auto-{step:D5}.gsav";
            var delta = previous is not null && random.Next(5) != 0;
            var verified = random.Next(15) != 0;
            disk.Add(new RetentionCandidate(name, Start.AddSeconds(step), verified, delta ? previous : null));
            previous = name;
            if (random.Next(3) != 0) continue;

            var policy = new RetentionPolicy { KeepLatest = random.Next(1, 6), HourlyFor = TimeSpan.Zero, DailyFor = TimeSpan.Zero };
            var deletions = RetentionPlanner.SelectDeletions(disk, policy, Start.AddSeconds(step));

            Assert.That(deletions, Is.EquivalentTo(ModelDeletions(disk, policy.KeepLatest)), $"seed {seed} step {step}");
            var order = deletions.Select(d => disk.FindIndex(s => s.FileName == d)).ToList();
            Assert.That(order, Is.Ordered.Descending, "a chain is deleted from its newest end");
            disk.RemoveAll(s => deletions.Contains(s.FileName));

            var names = disk.Select(s => s.FileName).ToHashSet();
            foreach (var kept in disk.Where(s => s.Verified && s.BaseFileName is not null))
            {
                Assert.That(names, Does.Contain(kept.BaseFileName), $"seed {seed} step {step}: {kept.FileName} lost its base");
            }

            if (!names.Contains(previous)) previous = null; // the next save is full, as the autosave's would be after a lost base
        }
    }

    // The reference: the newest K verified saves, each with its whole chain; every other verified save goes.
    private static IEnumerable<string> ModelDeletions(List<RetentionCandidate> oldestFirst, int keepLatest)
    {
        var byName = oldestFirst.ToDictionary(s => s.FileName);
        var keep = new HashSet<string>();
        foreach (var save in oldestFirst.Where(s => s.Verified).Reverse().Take(keepLatest))
        {
            for (var name = save.FileName; name is not null && byName.ContainsKey(name); name = byName[name].BaseFileName)
            {
                if (!keep.Add(name)) break;
            }
        }

        return oldestFirst.Where(s => s.Verified && !keep.Contains(s.FileName)).Select(s => s.FileName);
    }
}
