using GameServer.Persistence.Reading;

namespace GameServer.Inspector.Reading;

/// <summary>
/// Where one listed save sits in its chain, from the headers of its folder: its chain index, its base and
/// whether the base is there with the id the delta names, and the full save the chain starts from.
/// </summary>
/// <remarks>Headers only, like <c>list</c>: a link that looks whole here may still fail <c>verify</c> on a damaged block.</remarks>
internal sealed record ChainLink(int Index, string? BaseName, string? BaseProblem, string? Root)
{
    /// <summary>The chain position of every entry of one world's listing (same order).</summary>
    public static IReadOnlyList<ChainLink> Of(IReadOnlyList<SaveEntry> entries)
    {
        var byName = new Dictionary<string, SaveEntry>(StringComparer.Ordinal);
        foreach (var entry in entries) byName[entry.FileName] = entry;
        return entries.Select(entry => Describe(entry, byName)).ToList();
    }

    private static ChainLink Describe(SaveEntry entry, Dictionary<string, SaveEntry> byName)
    {
        if (entry.Header is not { } header) return new ChainLink(0, null, null, null);
        if (!header.IsDelta) return new ChainLink(0, null, null, entry.FileName);
        var problem = Problem(entry, byName);
        return new ChainLink(header.ChainIndex, header.BaseFileName, problem, problem is null ? FullSaveOf(entry, byName) : null);
    }

    // Why the base named by the delta's header is not its base: missing, unreadable, replaced, or out of order.
    private static string? Problem(SaveEntry delta, Dictionary<string, SaveEntry> byName)
    {
        var header = delta.Header!;
        if (!byName.TryGetValue(header.BaseFileName, out var found)) return "missing";
        if (found.Header is not { } baseHeader) return "unreadable";
        if (baseHeader.SaveId != header.BaseSaveId) return "replaced";
        return baseHeader.ChainIndex == header.ChainIndex - 1 ? null : $"is link {baseHeader.ChainIndex}, not {header.ChainIndex - 1}";
    }

    // The full save at the bottom of an intact chain, or null when a link further down is broken.
    private static string? FullSaveOf(SaveEntry delta, Dictionary<string, SaveEntry> byName)
    {
        var entry = delta;
        for (var guard = 0; entry.Header is { IsDelta: true } && guard <= delta.Header!.ChainIndex; guard++)
        {
            if (Problem(entry, byName) is not null) return null;
            entry = byName[entry.Header.BaseFileName];
        }

        return entry.Header is { IsDelta: false } ? entry.FileName : null;
    }
}
