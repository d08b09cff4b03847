using System.Diagnostics.Metrics;
using System.Reflection;
using GameServer.Persistence.Autosave;
using GameServer.Server.Ticking;

namespace GameServer.Server.Metrics;

/// <summary>
/// The server's figures as <see cref="System.Diagnostics.Metrics"/> instruments on one <see cref="Meter"/> named
/// <see cref="MeterName"/>: ticks (<see cref="TickMetrics"/>) and autosave (<see cref="AutosaveMetrics"/>).
/// Readable by <c>dotnet-counters monitor -n gameserver --counters GameServer</c> and, when the server serves
/// metrics, by Prometheus (<see cref="PrometheusEndpoint"/>).
/// </summary>
/// <remarks>
/// Network and store figures join here the same way: a <c>NetworkMetrics</c> beside these two, creating its
/// instruments on <see cref="Meter"/> (names <c>gameserver.network.*</c>, <c>gameserver.store.*</c>).
/// Instruments cost nothing while nobody listens; listened to, recording is allocation-free.
/// </remarks>
public sealed class ServerMetrics : IDisposable
{
    /// <summary>The meter's name: what <c>dotnet-counters</c> and the exporter subscribe to.</summary>
    public const string MeterName = "GameServer";

    /// <summary>Creates the meter and the tick and autosave instruments over a running loop, pipeline and autosave.</summary>
    public ServerMetrics(TickLoop loop, TickPipeline pipeline, AutosaveService autosave)
    {
        Meter = new Meter(MeterName, typeof(ServerMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
        Ticks = new TickMetrics(Meter, loop, pipeline);
        Autosave = new AutosaveMetrics(Meter, autosave);
    }

    /// <summary>The meter every server instrument lives on (network and store figures add theirs here).</summary>
    public Meter Meter { get; }

    /// <summary>Tick durations, counts, overruns and world size.</summary>
    public TickMetrics Ticks { get; }

    /// <summary>Save counts, durations, sizes and the autosave's state.</summary>
    public AutosaveMetrics Autosave { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Autosave.Dispose();
        Meter.Dispose();
    }
}
