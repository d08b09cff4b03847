using System.Text.Json;
using System.Text.RegularExpressions;

namespace GameServer.Tests.Support;

/// <summary>The shipped Grafana dashboard (docs/grafana-dashboard.json): its panels and their PromQL queries.</summary>
internal sealed partial class GrafanaDashboard
{
    private GrafanaDashboard(List<(string Panel, string Expr)> queries, List<string> panels)
    {
        Queries = queries;
        Panels = panels;
    }

    /// <summary>Titles of the panels that plot something (rows excluded).</summary>
    public IReadOnlyList<string> Panels { get; }

    /// <summary>Every query, with the title of its panel.</summary>
    public IReadOnlyList<(string Panel, string Expr)> Queries { get; }

    public static string FilePath
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "GameServer.sln"))) root = root.Parent;
            return Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException("no GameServer.sln above the test output"), "docs", "grafana-dashboard.json");
        }
    }

    /// <summary>Parses the file; panels nested in collapsed rows count too.</summary>
    public static GrafanaDashboard Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(FilePath));
        var queries = new List<(string, string)>();
        var panels = new List<string>();
        Collect(json.RootElement.GetProperty("panels"), queries, panels);
        return new GrafanaDashboard(queries, panels);
    }

    /// <summary>The metric names a query reads (the server's and the runtime's).</summary>
    public static IReadOnlyList<string> MetricNames(string expr) => [.. MetricNamePattern().Matches(expr).Select(m => m.Value).Distinct()];

    /// <summary>The query as Prometheus runs it once Grafana has filled in its variables.</summary>
    public static string Resolve(string expr) => expr.Replace("$__rate_interval", "10s", StringComparison.Ordinal).Replace("$job", ".*", StringComparison.Ordinal);

    private static void Collect(JsonElement list, List<(string, string)> queries, List<string> panels)
    {
        foreach (var panel in list.EnumerateArray())
        {
            if (panel.TryGetProperty("panels", out var nested)) Collect(nested, queries, panels);
            if (!panel.TryGetProperty("targets", out var targets)) continue;
            var title = panel.GetProperty("title").GetString()!;
            panels.Add(title);
            foreach (var target in targets.EnumerateArray()) queries.Add((title, target.GetProperty("expr").GetString()!));
        }
    }

    [GeneratedRegex(@"\b(gameserver|dotnet)_[a-z0-9_]+")]
    private static partial Regex MetricNamePattern();
}
