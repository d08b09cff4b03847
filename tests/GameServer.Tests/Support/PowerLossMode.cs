namespace GameServer.Tests.Support;

/// <summary>What a simulated power loss does to everything not yet made durable.</summary>
internal enum PowerLossMode
{
    /// <summary>Un-fsynced file data and folder entries are gone: only what was fsynced survives.</summary>
    Drop,

    /// <summary>
    /// Un-fsynced file data comes back as random bytes of a random length, and each un-fsynced folder entry
    /// change (create, rename, delete) survives or not at random: the disk kept some writes, in any order.
    /// </summary>
    Garble,
}
