using System.Diagnostics;
using GameServer.World;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Ticking;

/// <summary>Logs ticks that overran their step and backlog the loop dropped, at most one line per kind every 5 s.</summary>
/// <remarks>Called after every tick on the tick thread; allocates only when it logs.</remarks>
internal sealed partial class OverrunReporter(TickLoop loop, GameWorld world, ILogger log)
{
    private long _lastLog;
    private long _loggedDrops;

    public void OnTickCompleted(double ms)
    {
        if (ms > loop.StepMilliseconds && RateLimitOk()) LogOverrun(world.Tick, ms, loop.StepMilliseconds);
        if (loop.Clock.DroppedSteps > _loggedDrops && RateLimitOk())
        {
            LogFellBehind(loop.Clock.DroppedSteps - _loggedDrops);
            _loggedDrops = loop.Clock.DroppedSteps;
        }
    }

    private bool RateLimitOk()
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _lastLog < Stopwatch.Frequency * 5) return false;
        _lastLog = now;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "tick {Tick} took {Ms:0.0} ms (budget {Budget:0.0} ms)")]
    private partial void LogOverrun(long tick, double ms, double budget);

    [LoggerMessage(Level = LogLevel.Warning, Message = "fell behind: dropped {Steps} ticks of backlog")]
    private partial void LogFellBehind(long steps);
}
