using GameServer.Persistence.Format;

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
        // Newest by sequence, not wall time: after the clock is set back, the new saves are still the newest.
        var good = autosaves.Where(s => s.Verified).ToList();
        SaveOrder.SortNewestFirst(good, s => s.Order);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var save in good.Take(Math.Max(0, policy.KeepLatest))) keep.Add(save.FileName);

        KeepNewestPerBucket(good, keep, nowUtc - policy.HourlyFor, nowUtc, s => new DateTime(s.Year, s.Month, s.Day, s.Hour, 0, 0, DateTimeKind.Utc));
        KeepNewestPerBucket(good, keep, nowUtc - policy.DailyFor, nowUtc, s => s.Date);
        KeepBases(autosaves, keep);

        return good.Where(s => !keep.Contains(s.FileName)).Select(s => s.FileName).ToList();
    }

    /// <summary>
    /// When a save fails for lack of space: every verified autosave but the newest (and the chain it needs), in
    /// the order to delete them until there is room. The oldest chain goes first, each chain from its newest
    /// end (as <see cref="SelectDeletions"/>, so a crash between two deletions never orphans a delta); the
    /// hourly and daily tiers give way, the newest verified autosave never does, and unverified files are not touched.
    /// </summary>
    public static IReadOnlyList<string> SelectRoomDeletions(IEnumerable<RetentionCandidate> autosaves)
    {
        ArgumentNullException.ThrowIfNull(autosaves);
        var all = autosaves.ToList();
        // By sequence, not wall time (SaveOrder): after the clock is set back, the newest save is still the one kept.
        var good = all.Where(s => s.Verified).ToList();
        SaveOrder.SortNewestFirst(good, s => s.Order);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var save in good.Take(1)) keep.Add(save.FileName);
        KeepBases(all, keep);

        var byName = all.ToDictionary(s => s.FileName, StringComparer.Ordinal);
        return good.Where(s => !keep.Contains(s.FileName))
            .OrderBy(s => ChainRoot(s, byName).Order)
            .ThenByDescending(s => s.Order)
            .Select(s => s.FileName)
            .ToList();
    }

    /// <summary>The full save a delta's chain starts from (itself for a full save); bounded like <see cref="KeepBases"/>.</summary>
    private static RetentionCandidate ChainRoot(RetentionCandidate save, Dictionary<string, RetentionCandidate> byName)
    {
        for (var hops = 0; hops <= byName.Count && save.BaseFileName is { } baseName && byName.TryGetValue(baseName, out var baseSave); hops++) save = baseSave;
        return save;
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

    private static void KeepNewestPerBucket(List<RetentionCandidate> newestFirst, HashSet<string> keep, DateTime since, DateTime nowUtc, Func<DateTime, DateTime> bucketOf)
    {
        var seen = new HashSet<DateTime>();
        foreach (var save in newestFirst)
        {
            // Ordered by sequence, so an older time may follow a newer one; a time after now (stamped before the clock
            // was set back) belongs to no hour or day of the past: only KeepLatest, by sequence, keeps such a save.
            if (save.CapturedAtUtc < since || save.CapturedAtUtc > nowUtc) continue;
            if (seen.Add(bucketOf(save.CapturedAtUtc))) keep.Add(save.FileName);
        }
    }
}
