using GameServer.Persistence.Storage;
using GameServer.Persistence.Writing;
using GameServer.Server.Ticking;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Bench.Scenario;

/// <summary>The capture stage of the naive phase: every <c>every</c> ticks it captures, encodes and writes on the tick thread.</summary>
public sealed class NaiveSaveStage(SnapshotPool pool, SnapshotEncoder encoder, SaveWriter writer, int every) : ITickStage
{
    private int _tick;

    public string Name => TickStageNames.AutosaveCapture;

    public long SavesStarted { get; private set; }

    public void Run(GameWorld world)
    {
        if (++_tick % every != 0) return;
        SavesStarted++;
        using var snapshot = pool.Capture(world);
        writer.WriteAsync(encoder.PrepareFull(snapshot, "bench", "auto", ""), SaveNames.Auto(DateTime.UtcNow, world.Tick)).GetAwaiter().GetResult();
    }
}
