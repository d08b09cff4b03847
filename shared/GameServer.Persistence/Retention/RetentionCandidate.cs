namespace GameServer.Persistence.Retention;

/// <summary>An autosave as retention sees it.</summary>
/// <param name="FileName">File name.</param>
/// <param name="CapturedAtUtc">Capture time.</param>
/// <param name="Verified">Whether every checksum of the file (and, for a delta, of its whole chain) checked out.</param>
/// <param name="BaseFileName">For a delta, the save it is based on (which must be kept while it is); null for a full save.</param>
public readonly record struct RetentionCandidate(string FileName, DateTime CapturedAtUtc, bool Verified, string? BaseFileName = null);
