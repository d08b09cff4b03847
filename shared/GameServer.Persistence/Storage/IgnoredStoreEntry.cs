namespace GameServer.Persistence.Storage;

/// <summary>An entry named like a save that a store will not read (a folder, a symlink, a FIFO...), and why.</summary>
/// <param name="Name">The entry's name in the store.</param>
/// <param name="Reason">Why it is not read, e.g. "a symbolic link (never followed)".</param>
public readonly record struct IgnoredStoreEntry(string Name, string Reason);
