namespace GameServer.Persistence.Retention;

/// <summary>An autosave as retention sees it.</summary>
/// <param name="FileName">File name.</param>
/// <param name="CapturedAtUtc">Capture time.</param>
/// <param name="Verified">Whether every checksum of the file checked out.</param>
public readonly record struct RetentionCandidate(string FileName, DateTime CapturedAtUtc, bool Verified);
