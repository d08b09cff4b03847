using System.Net;
using System.Net.Sockets;
using GameServer.Demo;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Metrics;

/// <summary>The /metrics endpoint of an in-process host, read over HTTP as Prometheus reads it.</summary>
[CancelAfter(60_000)]
public class PrometheusEndpointTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Metrics_url_serves_tick_histogram_and_save_counts_with_the_servers_values()
    {
        var log = new StringWriter();
        using var host = Host(new ConsoleLog(log), metricsPort: 0);
        host.Start();
        Assert.That(host.MetricsUrl, Is.Not.Null);
        Assert.That(host.MetricsUrl!.Host, Is.EqualTo("127.0.0.1"), "loopback unless told otherwise");
        Assert.That(host.MetricsUrl.AbsolutePath, Is.EqualTo("/metrics"));
        Assert.That(log.ToString(), Does.Contain($"metrics at {host.MetricsUrl} "), "the start log names the URL");

        var reply = new ReplyRecorder();
        Assert.That((await host.ExecuteCommandAsync("save scraped", CommandCaller.Console, reply)).Succeeded, Is.True);
        var scrape = await MetricsScrape.GetAsync(host.MetricsUrl);
        var status = host.Autosave.GetStatus(0);

        Assert.That(scrape.Value("gameserver_saves_completed_total", "kind=\"manual\""), Is.EqualTo(1));
        Assert.That(scrape.Value("gameserver_saves_completed_total", "kind=\"auto\""), Is.Zero);
        Assert.That(scrape.Value("gameserver_saves_failed_total", "kind=\"manual\""), Is.Zero);
        Assert.That(scrape.Value("gameserver_save_duration_milliseconds_count", "phase=\"encode\""), Is.EqualTo(1));
        Assert.That(scrape.Value("gameserver_save_last_size_bytes", "form=\"stored\""), Is.EqualTo(status.LastSuccess!.StoredBytes));
        Assert.That(scrape.Value("gameserver_tick_duration_milliseconds_count"), Is.GreaterThan(0));
        Assert.That(scrape.Value("gameserver_tick_duration_milliseconds_bucket", "le=\"+Inf\""), Is.EqualTo(scrape.Value("gameserver_tick_duration_milliseconds_count")));
        Assert.That(scrape.Text, Does.Contain("gameserver_tick_duration_milliseconds_bucket{le=\"0.5\"}"), "the tick histogram uses the sub-millisecond buckets it advises");
        foreach (var stage in host.Pipeline.StageNames)
            Assert.That(scrape.Value("gameserver_tick_stage_duration_milliseconds_count", $"stage=\"{stage}\""), Is.GreaterThan(0), $"stage {stage}");
        Assert.That(host.Pipeline.StageNames, Does.Contain("network"), "the players' stages are timed like the others");
        Assert.That(scrape.Value("gameserver_tick_budget_milliseconds"), Is.EqualTo(1000.0 / 60).Within(1e-9));
        Assert.That(scrape.Value("gameserver_world_entities"), Is.GreaterThanOrEqualTo(2000));
        Assert.That(scrape.Names, Does.Contain("dotnet_gc_collections_total"), "the runtime's own meter rides along");

        host.RequestStop();
        await host.Completion;
    }

    [Test]
    public void A_metrics_port_in_use_stops_the_start_before_anything_runs()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var host = Host(new ConsoleLog(TextWriter.Null), port);
        var error = Assert.Throws<StartupException>(host.Start);
        Assert.That(error!.Message, Does.StartWith($"cannot serve metrics on 127.0.0.1:{port}: ").And.Contain("in use"));
        Assert.That(Directory.Exists(host.WorldDirectory), Is.False, "no world was loaded or generated");
    }

    [Test]
    public async Task Bind_star_serves_every_interface_under_any_host_name()
    {
        using var host = Host(new ConsoleLog(TextWriter.Null), metricsPort: 0, bind: "*");
        host.Start();
        Assert.That(host.MetricsUrl!.Host, Is.EqualTo("0.0.0.0"));
        var scrape = await MetricsScrape.GetAsync(new Uri($"http://localhost:{host.MetricsUrl.Port}/metrics"));
        Assert.That(scrape.Names, Does.Contain("gameserver_ticks_total"));
        host.RequestStop();
        await host.Completion;
    }

    private GameHost Host(ConsoleLog log, int? metricsPort, string bind = "127.0.0.1") =>
        new GameHostBuilder(new ServerOptions
        {
            SavesRoot = _folder.Path,
            WorldName = "metrics",
            Entities = 2000,
            TickRate = 60,
            AutosaveIntervalSeconds = 600,
            MetricsPort = metricsPort,
            MetricsBind = bind,
            Port = 0, // the players' port: any free one
            Bind = "127.0.0.1",
        }).UseGame(new DemoGame()).UseLogger(log).Build();
}
