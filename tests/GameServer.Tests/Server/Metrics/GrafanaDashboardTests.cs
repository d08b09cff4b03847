using GameServer.Demo;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Metrics;

/// <summary>docs/grafana-dashboard.json: valid, and every query reads series the server really exports.</summary>
[CancelAfter(60_000)]
public class GrafanaDashboardTests
{
    [Test]
    public void Dashboard_plots_tick_p99_save_durations_bytes_and_failures()
    {
        var dashboard = GrafanaDashboard.Load();
        Assert.That(dashboard.Queries, Has.Some.Matches<(string Panel, string Expr)>(q =>
            q.Expr.Contains("histogram_quantile(0.99", StringComparison.Ordinal) && q.Expr.Contains("gameserver_tick_duration_milliseconds_bucket", StringComparison.Ordinal)), "tick p99");
        Assert.That(dashboard.Queries, Has.Some.Matches<(string Panel, string Expr)>(q => q.Expr.Contains("gameserver_save_duration_milliseconds", StringComparison.Ordinal)), "save durations");
        Assert.That(dashboard.Queries, Has.Some.Matches<(string Panel, string Expr)>(q => q.Expr.Contains("gameserver_save_last_size_bytes", StringComparison.Ordinal)), "save bytes");
        Assert.That(dashboard.Queries, Has.Some.Matches<(string Panel, string Expr)>(q => q.Expr.Contains("gameserver_saves_failed_total", StringComparison.Ordinal)), "save failures");
        foreach (var (panel, expr) in dashboard.Queries)
        {
            Assert.That(GrafanaDashboard.MetricNames(expr), Is.Not.Empty, $"{panel}: '{expr}' reads a server metric");
            if (expr.Contains("histogram_quantile", StringComparison.Ordinal))
                Assert.That(expr, Does.Contain("_bucket").And.Contain("by (le"), $"{panel}: a quantile needs the buckets summed by le");
        }
    }

    [Test]
    public async Task Every_dashboard_query_names_only_metrics_the_server_exports()
    {
        using var folder = new TempFolder();
        var options = new ServerOptions { SavesRoot = folder.Path, WorldName = "dash", Entities = 2000, TickRate = 60, AutosaveIntervalSeconds = 600, MetricsPort = 0, Port = 0, Bind = "127.0.0.1", AdminPort = 0 };
        using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Null)).Build();
        host.Start();
        var reply = new ReplyRecorder();
        Assert.That((await host.ExecuteCommandAsync("save dash", CommandCaller.Console, reply)).Succeeded, Is.True);
        var exported = (await MetricsScrape.GetAsync(host.MetricsUrl!)).Names;
        host.RequestStop();
        await host.Completion;

        foreach (var (panel, expr) in GrafanaDashboard.Load().Queries)
        {
            foreach (var name in GrafanaDashboard.MetricNames(expr))
                Assert.That(exported, Does.Contain(name), $"panel '{panel}' queries {name}, which the server does not export");
        }
    }
}
