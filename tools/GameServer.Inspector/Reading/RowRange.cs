using GameServer.Inspector.Cli;

namespace GameServer.Inspector.Reading;

/// <summary><c>--rows FROM..TO</c>: end exclusive, either side may be left out (<c>..20</c>, <c>100..</c>).</summary>
internal readonly record struct RowRange(int From, int? To)
{
    /// <summary>Parses before any file is opened, so a typo is a usage error (exit 2), not bad input.</summary>
    public static RowRange Parse(string text)
    {
        var parts = text.Split("..");
        if (parts.Length != 2) throw new UsageException($"--rows takes FROM..TO, not '{text}'");
        var from = parts[0].Length == 0 ? 0 : Number(parts[0], text);
        int? to = parts[1].Length == 0 ? null : Number(parts[1], text);
        if (to < from) throw new UsageException($"--rows {text}: TO is before FROM");
        return new RowRange(from, to);
    }

    /// <summary>The range clamped to a save of <paramref name="count"/> rows.</summary>
    public (int From, int To) Within(int count) => (Math.Min(From, count), Math.Min(To ?? count, count));

    private static int Number(string part, string text) =>
        int.TryParse(part, out var value) && value >= 0 ? value : throw new UsageException($"--rows {text}: '{part}' is not a row number");
}
