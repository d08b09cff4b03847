using GameServer.Persistence.Reading;

namespace GameServer.Server.Saves;

/// <summary>The save a name resolved to, or why it resolved to none.</summary>
/// <param name="Entry">The one matching save with a readable header; null when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">Why the name did not resolve (no match, several, damaged header).</param>
public sealed record SaveLookup(SaveEntry? Entry, string? Problem)
{
    /// <summary>The name resolved to <paramref name="entry"/>.</summary>
    public static SaveLookup Found(SaveEntry entry) => new(entry, null);

    /// <summary>The name did not resolve.</summary>
    public static SaveLookup Failed(string problem) => new(null, problem);
}
