using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace GameServer.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) started for one test: loopback on a free port, a
/// generated config scraping one target every second, storage in the test's folder.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private const int Sigterm = 15;
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private PrometheusServer(ChildProcess process, Uri api)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>The installed binary, or null: /usr/bin/prometheus or the first <c>prometheus</c> on PATH.</summary>
    public static string? Locate()
    {
        var folders = new List<string> { "/usr/bin" };
        folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return folders.Select(f => Path.Combine(f, "prometheus")).FirstOrDefault(File.Exists);
    }

    /// <summary>Starts <paramref name="binary"/> scraping <paramref name="target"/> (host:port, path /metrics) every second.</summary>
    public static PrometheusServer Start(string binary, string target, string folder)
    {
        var config = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: gameserver
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreePort();
        var process = ChildProcess.StartProgram(binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "tsdb")}", $"--web.listen-address=127.0.0.1:{port}"],
            folder);
        return new PrometheusServer(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Prometheus' own log (stderr), for failure messages.</summary>
    public string Log => _process.Errors;

    /// <summary>
    /// Runs an instant query through the HTTP API (<c>/api/v1/query</c>); the values of the result vector, or
    /// empty while Prometheus is starting or has no such series yet.
    /// </summary>
    public async Task<IReadOnlyList<double>> QueryAsync(string promql)
    {
        try
        {
            using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
            if (!response.IsSuccessStatusCode) return [];
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var data = json.RootElement.GetProperty("data");
            if (data.GetProperty("resultType").GetString() != "vector") return [];
            return [.. data.GetProperty("result").EnumerateArray()
                .Select(r => double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))];
        }
        catch (HttpRequestException)
        {
            return []; // not listening yet
        }
        catch (TaskCanceledException)
        {
            return [];
        }
    }

    /// <summary>Prometheus' error for <paramref name="promql"/> (a parse or type error), or null when it runs.</summary>
    public async Task<string?> ErrorOfAsync(string promql)
    {
        using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("status").GetString() == "success" ? null : json.RootElement.GetProperty("error").GetString();
    }

    /// <summary>Polls <paramref name="promql"/> until its single value satisfies <paramref name="accept"/>; fails with the last answer and Prometheus' log otherwise.</summary>
    public async Task<double> WaitForAsync(string promql, Func<double, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<double> last = [];
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) Assert.Fail($"prometheus exited early:\n{Log}");
            last = await QueryAsync(promql);
            if (last.Count == 1 && accept(last[0])) return last[0];
            await Task.Delay(250);
        }

        Assert.Fail($"Prometheus never answered '{promql}' as expected within {timeout.TotalSeconds} s (last answer: [{string.Join(", ", last)}]).\nprometheus log:\n{Log}");
        return double.NaN;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Signal(Sigterm);
            try
            {
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (AssertionException)
            {
                // ChildProcess.Dispose kills it.
            }
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
