using GameServer.Server.Ticking;

namespace GameServer.Tests.Server;

[CancelAfter(30_000)]
public class TickLoopTests
{
    [Test]
    public void Slow_ticks_are_counted_as_overruns_and_recorded_in_the_histogram()
    {
        var handler = new SlowFirstTicks(slowTicks: 3, slowMs: 60);
        using var loop = new TickLoop(tickRate: 30, maxCatchUp: 2, handler);
        var completed = 0;
        loop.TickCompleted = _ =>
        {
            if (++completed == 12) loop.RequestStop();
        };
        loop.Run();

        Assert.That(loop.Overruns, Is.GreaterThanOrEqualTo(3), "the three slow ticks");
        Assert.That(loop.Histogram.Summary().Max, Is.GreaterThanOrEqualTo(60));
        Assert.That(loop.Histogram.Recorded, Is.EqualTo(12));
        Assert.That(loop.Clock.DroppedSteps, Is.GreaterThan(0), "60 ms ticks at a 33 ms step fall behind past the catch-up cap");
    }

    private sealed class SlowFirstTicks(int slowTicks, int slowMs) : ITickHandler
    {
        private int _ticks;

        public void RunTick()
        {
            if (_ticks++ < slowTicks) Thread.Sleep(slowMs);
        }
    }
}
