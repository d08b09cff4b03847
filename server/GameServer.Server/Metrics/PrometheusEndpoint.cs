using System.Net;
using System.Net.Sockets;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace GameServer.Server.Metrics;

/// <summary>
/// Serves the server's instruments (meter <see cref="ServerMetrics.MeterName"/>, plus the runtime's own
/// <c>System.Runtime</c> meter: GC, heap, thread pool) in Prometheus text format at <c>http://ADDRESS:PORT/metrics</c>.
/// </summary>
/// <remarks>
/// Built on the OpenTelemetry SDK with its Prometheus HttpListener exporter: the SDK aggregates on the recording
/// thread without allocating and reads the instruments' bucket advice. Pull only: nothing is sent anywhere; the
/// listener binds loopback unless told otherwise. Port 0 takes a free port (probed, then handed to the listener).
/// </remarks>
public sealed class PrometheusEndpoint : IDisposable
{
    private const string Path = "/metrics";
    private readonly MeterProvider _provider;

    private PrometheusEndpoint(MeterProvider provider, Uri url)
    {
        _provider = provider;
        Url = url;
    }

    /// <summary>Where Prometheus scrapes, e.g. <c>http://127.0.0.1:9464/metrics</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts serving on <paramref name="bind"/> (an IP address, <c>localhost</c>, or <c>*</c> for every interface) and <paramref name="port"/> (0: a free one).</summary>
    /// <exception cref="ArgumentException"><paramref name="bind"/> is not an address.</exception>
    /// <exception cref="IOException">The port cannot be listened on (in use, not permitted).</exception>
    public static PrometheusEndpoint Start(string bind, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var address = ParseBind(bind);
        var host = address is null ? "0.0.0.0" : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

        // A probed free port can be taken by someone else before the listener binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port == 0 ? FreePort(address ?? IPAddress.Any) : port;
            try
            {
                var provider = Sdk.CreateMeterProviderBuilder()
                    .ConfigureResource(r => r.AddService("gameserver"))
                    .AddMeter(ServerMetrics.MeterName, "System.Runtime")
                    .AddPrometheusHttpListener(o =>
                    {
                        o.Host = host;
                        o.Port = chosen;
                        o.ScrapeEndpointPath = Path;
                        o.ScopeInfoEnabled = false; // one meter: its name and (per-build) version on every series is noise
                        o.ConfigureHttpListener = (_, listener) =>
                        {
                            // The listener also matches each request's Host header against its prefixes.
                            if (address is null)
                            {
                                listener.Prefixes.Clear();
                                listener.Prefixes.Add($"http://+:{chosen}/"); // any host, every interface
                            }
                            else if (address.Equals(IPAddress.Loopback)) listener.Prefixes.Add($"http://localhost:{chosen}/");
                        };
                    })
                    .Build();
                return new PrometheusEndpoint(provider, new Uri($"http://{host}:{chosen}{Path}"));
            }
            catch (InvalidOperationException e) when (port == 0 && attempt < 3)
            {
                _ = e; // the probed port was taken meanwhile: probe again
            }
            catch (InvalidOperationException e)
            {
                throw new IOException($"cannot serve metrics on {bind}:{chosen}: {(e.InnerException ?? e).Message}", e);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _provider.Dispose();

    /// <summary>The address to bind; null for every interface.</summary>
    internal static IPAddress? ParseBind(string bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        if (bind == "*") return null;
        if (bind == "localhost") return IPAddress.Loopback;
        if (IPAddress.TryParse(bind.Trim('[', ']'), out var address)) return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? null : address;
        throw new ArgumentException($"'{bind}' is not an IP address, 'localhost' or '*'", nameof(bind));
    }

    private static int FreePort(IPAddress address)
    {
        var probe = new TcpListener(address, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }
}
