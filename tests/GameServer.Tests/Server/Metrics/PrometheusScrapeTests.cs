using System.Text.RegularExpressions;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Metrics;

/// <summary>A real Prometheus scrapes a real <c>gameserver</c> process; the series are read back through Prometheus' HTTP API.</summary>
public partial class PrometheusScrapeTests
{
    [Test]
    [CancelAfter(150_000)]
    public async Task Prometheus_scrapes_the_servers_tick_durations_and_save_count()
    {
        var binary = PrometheusServer.Locate();
        if (binary is null)
        {
            Assert.Fail("prometheus is not installed (no /usr/bin/prometheus, none on PATH): this test needs a real Prometheus. "
                + "Install Debian's package: apt-get install -y prometheus (.ci/run does this).");
        }

        using var folder = new TempFolder();
        using var server = ChildProcess.StartDll("gameserver.dll",
            ["--saves", folder.File("saves"), "--world", "scraped", "--entities", "20000", "--autosave-interval", "600", "--metrics-port", "0", "--port", "0", "--bind", "127.0.0.1", "--admin-port", "0"],
            folder.Path);
        var url = new Uri(MetricsUrlPattern().Match(server.WaitForLine("metrics at http://")).Value);
        server.Send("save scraped");
        server.WaitForLine("saved manual-scraped-");

        using var prometheus = PrometheusServer.Start(binary!, $"127.0.0.1:{url.Port}", folder.Path);
        var timeout = TimeSpan.FromSeconds(60);
        await prometheus.WaitForAsync("up{job=\"gameserver\"}", up => up == 1, timeout);
        Assert.That(await prometheus.WaitForAsync("gameserver_saves_completed_total{kind=\"manual\"}", _ => true, timeout), Is.EqualTo(1), "one manual save");
        Assert.That(await prometheus.WaitForAsync("gameserver_saves_failed_total{kind=\"manual\"}", _ => true, timeout), Is.Zero);
        var ticks = await prometheus.WaitForAsync("gameserver_tick_duration_milliseconds_count", n => n > 0, timeout);
        var p99 = await prometheus.WaitForAsync(
            "histogram_quantile(0.99, sum by (le) (rate(gameserver_tick_duration_milliseconds_bucket[10s])))", v => !double.IsNaN(v), timeout);
        Assert.That(p99, Is.GreaterThan(0).And.LessThanOrEqualTo(1000), "the dashboard's p99 query works on the scraped histogram");

        foreach (var (panel, expr) in GrafanaDashboard.Load().Queries)
        {
            var error = await prometheus.ErrorOfAsync(GrafanaDashboard.Resolve(expr));
            Assert.That(error, Is.Null, $"dashboard panel '{panel}': Prometheus rejects '{expr}'");
        }

        server.Send("status");
        var status = server.WaitForLine("world: ");
        var serverTick = long.Parse(TickPattern().Match(status).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(ticks, Is.LessThanOrEqualTo(serverTick), "Prometheus holds the server's tick count as of a scrape before 'status'");
        server.Send("stop");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.Zero);
    }

    [GeneratedRegex(@"http://\S+/metrics")]
    private static partial Regex MetricsUrlPattern();

    [GeneratedRegex(@"tick=(\d+)")]
    private static partial Regex TickPattern();
}
