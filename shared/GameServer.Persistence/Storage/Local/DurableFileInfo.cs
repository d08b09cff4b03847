namespace GameServer.Persistence.Storage.Local;

/// <summary>A regular file in a folder listing.</summary>
/// <param name="Name">File name (no folder).</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="LastWriteUtc">Last write time (UTC).</param>
public readonly record struct DurableFileInfo(string Name, long Length, DateTime LastWriteUtc);
