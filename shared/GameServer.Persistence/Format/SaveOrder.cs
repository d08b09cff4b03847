namespace GameServer.Persistence.Format;

/// <summary>
/// Where a save stands in its world's history, for ordering: the header's sequence decides; among equal
/// sequences (saves written before sequences existed read as 0) the later capture time, then the higher tick,
/// then the name. Compares older before newer.
/// </summary>
/// <remarks>
/// Wall-clock time only breaks ties between old saves: after the clock is set back, a new save still has the
/// higher sequence, so load-latest, listings and retention never mistake a stale "future" save for the newest.
/// </remarks>
/// <param name="Sequence">The header's <see cref="SaveHeader.Sequence"/> (0: none).</param>
/// <param name="CapturedAtUtc">Capture time (shown; a tie-breaker only).</param>
/// <param name="Tick">Tick captured.</param>
/// <param name="Name">The save's name in its store: the last tie-breaker, so the order is total.</param>
public readonly record struct SaveOrder(long Sequence, DateTime CapturedAtUtc, long Tick, string Name) : IComparable<SaveOrder>
{
    /// <summary>Negative when this save is older than <paramref name="other"/>, positive when newer.</summary>
    public int CompareTo(SaveOrder other)
    {
        var order = Sequence.CompareTo(other.Sequence);
        if (order == 0) order = CapturedAtUtc.CompareTo(other.CapturedAtUtc);
        if (order == 0) order = Tick.CompareTo(other.Tick);
        return order != 0 ? order : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>Whether <paramref name="left"/> is older than <paramref name="right"/>.</summary>
    public static bool operator <(SaveOrder left, SaveOrder right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is newer than <paramref name="right"/>.</summary>
    public static bool operator >(SaveOrder left, SaveOrder right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is older than or the same as <paramref name="right"/>.</summary>
    public static bool operator <=(SaveOrder left, SaveOrder right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is newer than or the same as <paramref name="right"/>.</summary>
    public static bool operator >=(SaveOrder left, SaveOrder right) => left.CompareTo(right) >= 0;

    /// <summary>Sorts <paramref name="saves"/> newest first by <paramref name="orderOf"/>.</summary>
    public static void SortNewestFirst<T>(List<T> saves, Func<T, SaveOrder> orderOf)
    {
        ArgumentNullException.ThrowIfNull(saves);
        ArgumentNullException.ThrowIfNull(orderOf);
        saves.Sort((a, b) => orderOf(b).CompareTo(orderOf(a)));
    }
}
