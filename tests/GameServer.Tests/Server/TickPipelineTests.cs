using GameServer.Demo;
using GameServer.Server.Hosting;
using GameServer.Server.Ticking;
using GameServer.World;

namespace GameServer.Tests.Server;

[CancelAfter(30_000)]
public class TickPipelineTests
{
    [Test]
    public void Standard_pipeline_runs_input_then_simulation_then_autosave_capture_after_advancing_the_tick()
    {
        var world = new GameWorld(new DemoGame().CreateSchema(), 16);
        var ran = new List<string>();
        var pipeline = TickPipeline.Standard(
            world,
            new RecordingStage(TickStageNames.Input, ran),
            new RecordingStage(TickStageNames.Simulation, ran),
            new RecordingStage(TickStageNames.AutosaveCapture, ran));

        pipeline.RunTick();
        pipeline.RunTick();

        Assert.That(pipeline.StageNames, Is.EqualTo(new[] { "input", "simulation", "autosave-capture" }));
        Assert.That(ran, Is.EqualTo(new[] { "input@1", "simulation@1", "autosave-capture@1", "input@2", "simulation@2", "autosave-capture@2" }));
        Assert.That(pipeline.LastDuration(0), Is.GreaterThanOrEqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Posted_work_runs_in_the_input_stage_before_the_simulation_of_that_tick()
    {
        var world = new GameWorld(new DemoGame().CreateSchema(), 16);
        var inbox = new TickInbox();
        var ran = new List<string>();
        var pipeline = TickPipeline.Standard(world, inbox, new RecordingStage(TickStageNames.Simulation, ran), new RecordingStage(TickStageNames.AutosaveCapture, ran));

        var posted = inbox.InvokeAsync(w =>
        {
            ran.Add("posted@" + w.Tick);
            return w.Tick;
        });
        Assert.That(posted.IsCompleted, Is.False, "nothing runs until the tick thread drains the inbox");
        pipeline.RunTick();

        Assert.That(posted.Result, Is.EqualTo(1));
        Assert.That(ran, Is.EqualTo(new[] { "posted@1", "simulation@1", "autosave-capture@1" }));
    }

    [Test]
    public void Work_still_queued_when_the_inbox_closes_fails_instead_of_waiting_forever()
    {
        var inbox = new TickInbox();
        var queued = inbox.InvokeAsync(w => w.Tick);
        inbox.Close();
        var late = inbox.InvokeAsync(w => w.Tick);

        Assert.That(async () => await queued, Throws.TypeOf<TickWorkRejectedException>().With.Message.Contains("stopped"));
        Assert.That(async () => await late, Throws.TypeOf<TickWorkRejectedException>().With.Message.Contains("stopping"));
    }

    [Test]
    public void Two_stages_with_one_name_are_refused()
    {
        var world = new GameWorld(new DemoGame().CreateSchema(), 16);
        var ran = new List<string>();
        Assert.That(
            () => new TickPipeline(world, [new RecordingStage("simulation", ran), new RecordingStage("simulation", ran)]),
            Throws.ArgumentException.With.Message.Contains("two tick stages are named 'simulation'"));
    }

    private sealed class RecordingStage(string name, List<string> ran) : ITickStage
    {
        public string Name => name;

        public void Run(GameWorld world) => ran.Add($"{name}@{world.Tick}");
    }
}
