namespace GameServer.Persistence.Retention;

/// <summary>Decides which autosaves a <see cref="RetentionPolicy"/> lets go. Pure: no I/O, clock passed in.</summary>
public static class RetentionPlanner
{
    /// <summary>
    /// Names of the autosaves to delete, newest first (delete in this order). Only verified saves count toward
    /// the tiers and only they are ever deleted: a crash loop writing damaged files cannot rotate the last good
    /// saves away. Chain-aware: a kept delta keeps its base, and that base its own, down to the full save; so a
    /// chain is only ever cut from its newest end, and a crash between two deletions never leaves a delta without its base.
    /// </summary>
    public static IReadOnlyList<string> SelectDeletions(IEnumerable<RetentionCandidate> autosaves, RetentionPolicy policy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(autosaves);
        ArgumentNullException.ThrowIfNull(policy);
        var good = autosaves.Where(s => s.Verified).OrderByDescending(s => s.CapturedAtUtc).ThenByDescending(s => s.FileName, StringComparer.Ordinal).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var save in good.Take(Math.Max(0, policy.KeepLatest))) keep.Add(save.FileName);

        KeepNewestPerBucket(good, keep, nowUtc - policy.HourlyFor, s => new DateTime(s.Year, s.Month, s.Day, s.Hour, 0, 0, DateTimeKind.Utc));
        KeepNewestPerBucket(good, keep, nowUtc - policy.DailyFor, s => s.Date);
        KeepBases(autosaves, keep);

        return good.Where(s => !keep.Contains(s.FileName)).Select(s => s.FileName).ToList();
    }

    private static void KeepBases(IEnumerable<RetentionCandidate> autosaves, HashSet<string> keep)
    {
        var baseOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var save in autosaves) baseOf[save.FileName] = save.BaseFileName;
        foreach (var kept in keep.ToList())
        {
            // Bounded by the number of saves: a cycle of base names (only in damaged or forged headers) stops too.
            var name = kept;
            for (var hops = 0; hops <= baseOf.Count && baseOf.TryGetValue(name, out var baseName) && baseName is not null; hops++)
            {
                keep.Add(baseName);
                name = baseName;
            }
        }
    }

    private static void KeepNewestPerBucket(List<RetentionCandidate> newestFirst, HashSet<string> keep, DateTime since, Func<DateTime, DateTime> bucketOf)
    {
        var seen = new HashSet<DateTime>();
        foreach (var save in newestFirst)
        {
            if (save.CapturedAtUtc < since) break;
            if (seen.Add(bucketOf(save.CapturedAtUtc))) keep.Add(save.FileName);
        }
    }
}
