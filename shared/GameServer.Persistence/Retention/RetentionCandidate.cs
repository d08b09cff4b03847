namespace GameServer.Persistence.Retention;

/// <summary>An autosave as retention sees it.</summary>
/// <param name="FileName">File name.</param>
/// <param name="CapturedAtUtc">Capture time (the hourly and daily tiers; ordering only among equal sequences).</param>
/// <param name="Verified">Whether every checksum of the file (and, for a delta, of its whole chain) checked out.</param>
/// <param name="BaseFileName">For a delta, the save it is based on (which must be kept while it is); null for a full save.</param>
/// <param name="Sequence">The header's save sequence, which orders saves (0 for saves from before sequences: wall time orders those).</param>
public readonly record struct RetentionCandidate(string FileName, DateTime CapturedAtUtc, bool Verified, string? BaseFileName = null, long Sequence = 0)
{
    /// <summary>Where the save stands in its world's history.</summary>
    public Format.SaveOrder Order => new(Sequence, CapturedAtUtc, 0, FileName);
}
