using System.Globalization;
using System.Text.RegularExpressions;

namespace GameServer.Tests.Support;

/// <summary>One scrape of a Prometheus text endpoint: the series and their values, parsed.</summary>
internal sealed partial class MetricsScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private MetricsScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            var match = SamplePattern().Match(line);
            if (match.Success)
                _samples.Add((match.Groups["name"].Value, match.Groups["labels"].Value, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    /// <summary>Every sample's metric name (histograms appear as their _bucket, _sum and _count series).</summary>
    public IReadOnlySet<string> Names => _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static async Task<MetricsScrape> GetAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return new MetricsScrape(await http.GetStringAsync(url));
    }

    /// <summary>The value of the one series named <paramref name="name"/> whose labels contain every one of <paramref name="labels"/> (e.g. <c>kind="manual"</c>).</summary>
    public double Value(string name, params string[] labels)
    {
        var matches = _samples.Where(s => s.Name == name && labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"one series {name}{{{string.Join(',', labels)}}} in:\n{Text}");
        return matches[0].Value;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex SamplePattern();
}
