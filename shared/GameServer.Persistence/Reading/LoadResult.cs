using GameServer.World.Snapshots;

namespace GameServer.Persistence.Reading;

/// <summary>The outcome of <see cref="SaveLoader.LoadLatestAsync(GameServer.Persistence.Storage.ISaveStore, string?, CancellationToken)"/>.</summary>
/// <param name="Snapshot">The loaded snapshot, or null when no save was valid.</param>
/// <param name="Entry">The save it came from.</param>
/// <param name="Skipped">Newer saves passed over, each with the reason.</param>
public sealed record LoadResult(WorldSnapshot? Snapshot, SaveEntry? Entry, IReadOnlyList<SkippedSave> Skipped)
{
    /// <summary>Every save the store listed, newest first (for the world's identity and next sequence).</summary>
    public IReadOnlyList<SaveEntry> Listed { get; init; } = [];

    /// <summary>Damaged saves renamed aside while loading (only when asked to), each with its new name.</summary>
    public IReadOnlyList<SetAsideSave> SetAside { get; init; } = [];
}

/// <summary>A save that load-latest passed over.</summary>
/// <param name="Location">Where the save is (its full path in a folder store).</param>
/// <param name="Reason">Why it was skipped.</param>
public sealed record SkippedSave(string Location, string Reason);

/// <summary>A damaged save that load-latest renamed aside.</summary>
/// <param name="Location">Where the save was (its full path in a folder store).</param>
/// <param name="NewName">Its name now, in the same store (<c>*.corrupt</c>).</param>
public sealed record SetAsideSave(string Location, string NewName);
