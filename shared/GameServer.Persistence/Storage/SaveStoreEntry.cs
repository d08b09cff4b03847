namespace GameServer.Persistence.Storage;

/// <summary>One entry of a store's listing.</summary>
/// <param name="Name">The name in the store.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="LastModifiedUtc">When it was last written (UTC).</param>
public readonly record struct SaveStoreEntry(string Name, long Length, DateTime LastModifiedUtc);
