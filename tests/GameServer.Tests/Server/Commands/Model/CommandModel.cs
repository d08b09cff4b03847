using GameServer.Persistence.Autosave;

namespace GameServer.Tests.Server.Commands.Model;

/// <summary>
/// The reference model of the autosave commands: what the schedule is (on/off, interval, keep), which
/// generation the world is in and when it changed, and which saves must exist with which generation.
/// Commands are issued one after another, so each change happened between its command's send and its
/// acknowledgement; a save captured in that window may show either side.
/// </summary>
internal sealed class CommandModel
{
    /// <summary>Slack for the capture timestamp, taken a few statements after the schedule's own clock read.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);

    private readonly List<Change> _genChanges = [];
    private readonly List<Change> _configChanges = [];

    public CommandModel(DateTime startedUtc, double intervalSeconds, int keep)
    {
        Config = new Schedule(true, intervalSeconds, startedUtc);
        Keep = keep;
        _configChanges.Add(new Change(startedUtc, startedUtc, Config, Config, 0, 0, null));
    }

    /// <summary>The schedule as the acknowledged commands left it.</summary>
    public Schedule Config { get; private set; }

    /// <summary>How many newest autosaves retention keeps.</summary>
    public int Keep { get; set; }

    /// <summary>The world's generation as the acknowledged commands left it.</summary>
    public int Gen { get; private set; }

    /// <summary>The smallest keep ever set (the final retention check is exact only up to it).</summary>
    public int SmallestKeep { get; private set; } = int.MaxValue;

    /// <summary>Manual saves acknowledged (label saves and pre-rollback saves), by file name, with their generation.</summary>
    public Dictionary<string, int> ManualSaves { get; } = new(StringComparer.Ordinal);

    /// <summary>Autosaves asked for (the save of a restored world, the checks' own), by file name, with their generation.</summary>
    public Dictionary<string, int> RequestedAutosaves { get; } = new(StringComparer.Ordinal);

    public void SetKeep(int keep)
    {
        Keep = keep;
        SmallestKeep = Math.Min(SmallestKeep, keep);
    }

    /// <summary>The generation became <paramref name="gen"/> between <paramref name="sent"/> and <paramref name="acked"/>.</summary>
    public void GenChanged(DateTime sent, DateTime acked, int gen) => GenChanged(sent, acked, gen, new HashSet<int>());

    /// <summary>Concurrent commands left generation <paramref name="gen"/>; meanwhile the world may have been any of <paramref name="between"/>.</summary>
    public void GenChanged(DateTime sent, DateTime acked, int gen, IReadOnlySet<int> between)
    {
        _genChanges.Add(new Change(sent, acked, Config, Config, Gen, gen, between));
        Gen = gen;
    }

    /// <summary>save-off, save-on or an interval change took effect between <paramref name="sent"/> and <paramref name="acked"/>.</summary>
    public void ScheduleChanged(DateTime sent, DateTime acked, bool enabled, double intervalSeconds)
    {
        var next = new Schedule(enabled, intervalSeconds, intervalSeconds != Config.IntervalSeconds ? sent : Config.IntervalSetUtc);
        _configChanges.Add(new Change(sent, acked, Config, next, 0, 0, null));
        Config = next;
    }

    /// <summary>Every generation the world may have had at <paramref name="at"/>.</summary>
    public HashSet<int> GensPossibleAt(DateTime at)
    {
        var gen = 0;
        foreach (var change in _genChanges)
        {
            if (at < change.Sent) break;
            if (at <= change.Acked) return [change.FromGen, change.ToGen, .. change.Between ?? Enumerable.Empty<int>()];
            gen = change.ToGen;
        }

        return [gen];
    }

    /// <summary>
    /// Scheduled autosaves (every successful autosave not asked for) the schedule did not allow: captured while
    /// off, or sooner than one interval after the previous autosave or interval change. The first scheduled
    /// capture after a change may follow the schedule before it (decided on the tick thread just before).
    /// </summary>
    public List<string> ScheduleViolations(IReadOnlyList<SaveResult> autosaves)
    {
        var violations = new List<string>();
        DateTime? previousCapture = null;
        var lastChangeSeen = 0;
        foreach (var save in autosaves.Where(s => s.Succeeded).OrderBy(s => s.CapturedAtUtc))
        {
            var at = save.CapturedAtUtc;
            if (!RequestedAutosaves.ContainsKey(save.Name!))
            {
                var index = _configChanges.FindLastIndex(c => c.Sent <= at);
                var change = _configChanges[index];
                var firstSinceChange = index > lastChangeSeen;
                var allowed = Allows(change.To, at, previousCapture)
                    || (firstSinceChange && Allows(change.From, at, previousCapture))
                    || at <= change.Acked && Allows(change.From, at, previousCapture);
                if (!allowed)
                {
                    violations.Add($"{save.Name} captured {at:HH:mm:ss.fff} while the schedule was {change.To}" +
                        (previousCapture is { } p ? $", previous autosave {p:HH:mm:ss.fff}" : ""));
                }

                lastChangeSeen = index;
            }

            previousCapture = at;
        }

        return violations;
    }

    /// <summary>
    /// The autosaves retention must leave, given every autosave committed and a last retention run with
    /// <paramref name="keep"/> no larger than any keep used before: the newest <paramref name="keep"/>, the newest of
    /// each hour of the last day and of each day of the last week, and every save a kept delta is based on.
    /// </summary>
    public static HashSet<string> ExpectedAutosaves(IReadOnlyList<SaveResult> autosaves, int keep, DateTime nowUtc)
    {
        var newestFirst = autosaves.Where(s => s.Succeeded)
            .OrderByDescending(s => s.CapturedAtUtc).ThenByDescending(s => s.Name, StringComparer.Ordinal).ToList();
        var kept = newestFirst.Take(keep).Select(s => s.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var hour in newestFirst.Where(s => s.CapturedAtUtc >= nowUtc.AddDays(-1)).GroupBy(s => s.CapturedAtUtc.Ticks / TimeSpan.TicksPerHour))
            kept.Add(hour.First().Name!);
        foreach (var day in newestFirst.Where(s => s.CapturedAtUtc >= nowUtc.AddDays(-7)).GroupBy(s => s.CapturedAtUtc.Date))
            kept.Add(day.First().Name!);

        var baseOf = newestFirst.ToDictionary(s => s.Name!, s => s.BaseName, StringComparer.Ordinal);
        foreach (var name in kept.ToList())
        {
            for (var current = name; baseOf.TryGetValue(current, out var baseName) && baseName is not null; current = baseName) kept.Add(baseName);
        }

        return kept;
    }

    private static bool Allows(Schedule schedule, DateTime at, DateTime? previousCapture)
    {
        if (!schedule.Enabled) return false;
        var since = previousCapture is { } p && p > schedule.IntervalSetUtc ? p : schedule.IntervalSetUtc;
        return at >= since + TimeSpan.FromSeconds(schedule.IntervalSeconds) - ClockSlack;
    }

    /// <summary>Scheduled autosaves on or off, their interval, and when that interval was set (the next is due one interval later at the earliest).</summary>
    internal sealed record Schedule(bool Enabled, double IntervalSeconds, DateTime IntervalSetUtc)
    {
        public override string ToString() => Enabled ? $"on every {IntervalSeconds} s" : "off";
    }

    private sealed record Change(DateTime Sent, DateTime Acked, Schedule From, Schedule To, int FromGen, int ToGen, IReadOnlySet<int>? Between);
}
