using GameServer.Server.Ticking;

namespace GameServer.Tests.Server;

public class FixedStepClockTests
{
    [Test]
    public void Runs_one_tick_per_elapsed_step_and_carries_the_remainder()
    {
        var clock = new FixedStepClock(stepTicks: 100, maxCatchUp: 5);
        Assert.That(clock.Advance(1000), Is.Zero, "the first call only starts the clock");
        Assert.That(clock.Advance(1050), Is.Zero);
        Assert.That(clock.UntilNextStep(), Is.EqualTo(50));
        Assert.That(clock.Advance(1100), Is.EqualTo(1));
        Assert.That(clock.Advance(1350), Is.EqualTo(2));
        Assert.That(clock.Advance(1400), Is.EqualTo(1), "the 50 left over plus 50 more");
    }

    [Test]
    public void Caps_catch_up_after_a_stall_and_counts_the_dropped_steps()
    {
        var clock = new FixedStepClock(stepTicks: 100, maxCatchUp: 3);
        clock.Advance(0);
        Assert.That(clock.Advance(1000), Is.EqualTo(3));
        Assert.That(clock.DroppedSteps, Is.EqualTo(7));
        Assert.That(clock.Advance(1100), Is.EqualTo(1), "back to normal pace, no spiral");
    }

    [Test]
    public void Time_going_backwards_runs_nothing()
    {
        var clock = new FixedStepClock(stepTicks: 100, maxCatchUp: 3);
        clock.Advance(1000);
        Assert.That(clock.Advance(500), Is.Zero);
        Assert.That(clock.Advance(600), Is.EqualTo(1));
    }
}
