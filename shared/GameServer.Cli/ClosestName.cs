namespace GameServer.Cli;

/// <summary>"Did you mean ...?": the known name closest to a mistyped one, if any is close enough.</summary>
public static class ClosestName
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/> by edit distance (a swap of two neighbours counts as
    /// one edit), or one that <paramref name="typed"/> is the start of; null when none is plausibly meant.
    /// </summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        var word = typed.TrimStart('-');
        if (word.Length == 0) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var name = candidate.TrimStart('-');
            var distance = name.StartsWith(word, StringComparison.OrdinalIgnoreCase) ? 1 : Distance(word, name);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A third of the word may be wrong (at least one letter): closer than that is a typo, farther a guess.
        return bestDistance <= Math.Max(1, word.Length / 3) ? best : null;
    }

    /// <summary>Optimal string alignment distance, case-insensitive.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
