using GameServer.Server.Network.Players;
using GameServer.Server.Ticking;

namespace GameServer.Bench.Network;

/// <summary>
/// Runs the real <see cref="TickLoop"/> over one phase's pipeline while that phase's bots play, and records
/// tick durations, saves begun, and the tick thread's allocation while every bot is online.
/// </summary>
/// <remarks>
/// Allocation is counted only over ticks with all bots online after one settled second: joins and leaves
/// allocate by design (a session, a token), steady play must not.
/// </remarks>
public sealed class NetPhaseRunner(TickPipeline pipeline, PlayerNetwork network, Func<long> savesStarted, int tickRate, int seconds)
{
    // Room for the phase plus the bots' start and stop: growing while counting would be the bench's allocation.
    private readonly List<double> _durations = new(tickRate * (seconds + 60));

    public IReadOnlyList<double> Durations => _durations;

    public long Saves { get; private set; }

    /// <summary>Bytes the tick thread allocated per tick with every bot online; -1 when they never all were.</summary>
    public double AllocBytesPerTick { get; private set; } = -1;

    /// <summary>Ticks until <paramref name="done"/> completes (the phase's bots exited).</summary>
    public void Run(int bots, Task done)
    {
        using var loop = new TickLoop(tickRate, maxCatchUp: 5, pipeline);
        var savesAtStart = savesStarted();
        var settled = 0;
        var counting = false;
        var stopped = false;
        long allocatedAtStart = 0;
        long allocatedAtEnd = 0;
        long countedTicks = 0;
        loop.TickCompleted = ms =>
        {
            _durations.Add(ms);
            if (stopped) return;
            var allOnline = network.Roster.Online.Count >= bots;
            if (!counting)
            {
                settled = allOnline ? settled + 1 : 0;
                if (settled < tickRate) return;
                counting = true;
                allocatedAtStart = allocatedAtEnd = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (allOnline)
            {
                allocatedAtEnd = GC.GetAllocatedBytesForCurrentThread();
                countedTicks++;
            }
            else
            {
                stopped = true;
            }
        };
        done.ContinueWith(_ => loop.RequestStop(), TaskScheduler.Default);
        loop.Run();
        Saves = savesStarted() - savesAtStart;
        if (countedTicks > 0) AllocBytesPerTick = (allocatedAtEnd - allocatedAtStart) / (double)countedTicks;
    }
}
