namespace GameServer.Persistence.Retention;

/// <summary>Which autosaves to keep: the newest N, plus one per hour and one per day for a while.</summary>
/// <remarks>Manual saves are never deleted automatically; saves that fail verification never count.</remarks>
public sealed record RetentionPolicy
{
    /// <summary>Newest verified autosaves always kept (default 10).</summary>
    public int KeepLatest { get; init; } = 10;

    /// <summary>How far back one autosave per hour is kept (default one day; zero disables).</summary>
    public TimeSpan HourlyFor { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How far back one autosave per day is kept (default one week; zero disables).</summary>
    public TimeSpan DailyFor { get; init; } = TimeSpan.FromDays(7);
}
