using System.Diagnostics;
using GameServer.Bench.Scenario;

namespace GameServer.Bench.Probes;

/// <summary>One phase's ticks, per-tick GC pauses and process counters, gathered over several rounds.</summary>
public sealed class PhaseSamples
{
    private readonly List<double> _durations = [];
    private readonly List<double> _gcPauseMs = [];
    private readonly Dictionary<string, double> _cpuMsByThread = new(StringComparer.Ordinal);
    private readonly int _storePid;
    private ProcessCounters _counters;
    private TimeSpan _wall;
    private TimeSpan _storeCpu;

    /// <param name="storePid">The store's own process (Azurite), whose CPU the phase also counts; 0 for none.</param>
    public PhaseSamples(int storePid = 0)
    {
        _storePid = storePid;
    }

    public IReadOnlyList<double> Durations => _durations;

    /// <summary>Runs one round of the phase on this thread, counting it under <paramref name="phase"/>.</summary>
    public void Run(PhaseRunner runner, RunnableThreadSampler sampler, string phase)
    {
        var threadsAtStart = ThreadCpuTable.OfThisProcess();
        var storeAtStart = _storePid == 0 ? TimeSpan.Zero : ThreadCpuTable.OfProcessTree(_storePid);
        sampler.Phase = phase;
        var start = ProcessCounters.Read();
        var t0 = Stopwatch.GetTimestamp();
        runner.Run(Scenario.AutosaveScenario.TickRate);
        _wall += Stopwatch.GetElapsedTime(t0);
        _counters += ProcessCounters.Read() - start;
        sampler.Phase = null;
        if (_storePid != 0) _storeCpu += ThreadCpuTable.OfProcessTree(_storePid) - storeAtStart;
        foreach (var (name, ms) in ThreadCpuTable.Difference(ThreadCpuTable.OfThisProcess(), threadsAtStart))
            _cpuMsByThread[name] = _cpuMsByThread.GetValueOrDefault(name) + ms;
        _durations.AddRange(runner.Durations.ToArray());
        _gcPauseMs.AddRange(runner.GcPauseMs.ToArray());
    }

    /// <summary>The phase's report; a tick slower than <paramref name="slowThresholdMs"/> counts as slow.</summary>
    public PhaseReport Report(double slowThresholdMs, RunnableThreadSampler sampler, string phase)
    {
        var report = PhaseReport.From(_durations, _gcPauseMs, slowThresholdMs, _counters, _wall, sampler, phase);
        report.CpuMsByThread = _cpuMsByThread;
        report.StoreProcessCpuMs = Math.Round(_storeCpu.TotalMilliseconds);
        return report;
    }
}
