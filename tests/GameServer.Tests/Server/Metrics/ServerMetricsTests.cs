using System.Diagnostics.Metrics;
using GameServer.Demo;
using GameServer.Persistence.Autosave;
using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Metrics;
using GameServer.Server.Settings;
using GameServer.Tests.Persistence;
using GameServer.Tests.Support;
using GameServer.Tests.World;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Server.Metrics;

/// <summary>The server's instruments, read the way dotnet-counters reads them (a <see cref="MeterListener"/>).</summary>
[CancelAfter(60_000)]
public class ServerMetricsTests
{
    [Test]
    public async Task A_running_host_publishes_tick_and_save_instruments_on_the_GameServer_meter_without_an_exporter()
    {
        using var folder = new TempFolder();
        using var recorded = new Recorder();
        var options = new ServerOptions { SavesRoot = folder.Path, WorldName = "m", Entities = 2000, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, Bind = "127.0.0.1", AdminPort = 0 };
        using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Null)).Build();
        host.Start();
        Assert.That(host.MetricsUrl, Is.Null, "no port, no endpoint");
        var reply = new ReplyRecorder();
        Assert.That((await host.ExecuteCommandAsync("save m1", CommandCaller.Console, reply)).Succeeded, Is.True, string.Join('\n', reply.Lines));
        await Task.Delay(200);
        host.RequestStop();
        await host.Completion;

        Assert.That(recorded.Published, Is.SupersetOf(new[]
        {
            "gameserver.tick.duration", "gameserver.tick.stage.duration", "gameserver.ticks", "gameserver.tick.overruns",
            "gameserver.world.entities", "gameserver.saves.completed", "gameserver.saves.failed", "gameserver.save.duration",
            "gameserver.save.last.size", "gameserver.autosave.phase", "gameserver.autosave.skipped", "gameserver.autosave.coalesced",
        }));
        Assert.That(recorded.Sum("gameserver.tick.duration"), Is.GreaterThan(0), "ticks were recorded");
        Assert.That(recorded.Count("gameserver.tick.duration"), Is.EqualTo(host.Ticks.Histogram.Recorded), "one measurement per tick");
        Assert.That(recorded.Count("gameserver.tick.stage.duration", "stage", "simulation"), Is.EqualTo(host.Ticks.Histogram.Recorded));
        Assert.That(recorded.Sum("gameserver.saves.completed", "kind", "manual"), Is.EqualTo(1));
        Assert.That(recorded.Sum("gameserver.saves.completed", "kind", "auto"), Is.EqualTo(1), "the final save on stop");
    }

    [Test]
    public void Failed_and_committed_saves_count_by_kind_and_only_committed_saves_record_phase_durations()
    {
        using var folder = new TempFolder();
        using var recorded = new Recorder();
        var files = new FaultyFileSystem();
        var world = TestWorlds.Populated(3000);
        using var autosave = SaveFixture.Service(new LocalFolderStore(folder.Path, files), new SnapshotPool(2));
        using var meter = new Meter(ServerMetrics.MeterName);
        using var metrics = new AutosaveMetrics(meter, autosave);

        Assert.That(autosave.SaveAndWait(world, SaveKind.Manual, "ok", SaveFixture.Timeout).Succeeded, Is.True);
        files.FailRename = true;
        Assert.That(autosave.SaveAndWait(world, SaveKind.Auto, null, SaveFixture.Timeout).Succeeded, Is.False);
        Assert.That(autosave.SaveAndWait(world, SaveKind.Manual, "bad", SaveFixture.Timeout).Succeeded, Is.False);

        Assert.That(recorded.Sum("gameserver.saves.completed", "kind", "manual"), Is.EqualTo(1));
        Assert.That(recorded.Sum("gameserver.saves.completed", "kind", "auto"), Is.Zero);
        Assert.That(recorded.Sum("gameserver.saves.failed", "kind", "auto"), Is.EqualTo(1));
        Assert.That(recorded.Sum("gameserver.saves.failed", "kind", "manual"), Is.EqualTo(1));
        foreach (var phase in new[] { "pause", "copy", "encode", "write" })
            Assert.That(recorded.Count("gameserver.save.duration", "phase", phase), Is.EqualTo(1), phase);
        var status = autosave.GetStatus(world.Tick);
        Assert.That(recorded.Sum("gameserver.save.written"), Is.EqualTo(status.LastSuccess!.StoredBytes));

        recorded.Observe();
        Assert.That(recorded.Last("gameserver.save.last.size", "form", "raw"), Is.EqualTo(status.LastSuccess.RawBytes));
        Assert.That(recorded.Last("gameserver.save.last.size", "form", "stored"), Is.EqualTo(status.LastSuccess.StoredBytes));
        Assert.That(recorded.Last("gameserver.autosave.consecutive_failures"), Is.EqualTo(2));
        Assert.That(recorded.Last("gameserver.autosave.phase", "phase", "idle"), Is.EqualTo(1));
        Assert.That(recorded.Last("gameserver.autosave.phase", "phase", "encode"), Is.Zero);
    }

    /// <summary>Listens to the GameServer meter like dotnet-counters: every measurement, with its tags.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = [];
        private readonly HashSet<string> _published = [];

        public Recorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != ServerMetrics.MeterName) return;
                lock (_measurements) _published.Add(instrument.Name);
                listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public IReadOnlyCollection<string> Published
        {
            get
            {
                lock (_measurements) return [.. _published];
            }
        }

        /// <summary>Reads every observable instrument once.</summary>
        public void Observe() => _listener.RecordObservableInstruments();

        public double Sum(string instrument, string? tag = null, string? value = null) => Matching(instrument, tag, value).Sum();

        public int Count(string instrument, string? tag = null, string? value = null) => Matching(instrument, tag, value).Count;

        public double Last(string instrument, string? tag = null, string? value = null) => Matching(instrument, tag, value)[^1];

        public void Dispose() => _listener.Dispose();

        private List<double> Matching(string instrument, string? tag, string? value)
        {
            lock (_measurements)
            {
                return [.. _measurements
                    .Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && (string?)t.Value == value)))
                    .Select(m => m.Value)];
            }
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = tags.ToArray();
            lock (_measurements) _measurements.Add((instrument.Name, value, copy));
        }
    }
}
