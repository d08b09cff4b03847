using GameServer.Server.Ticking;
using GameServer.World;

namespace GameServer.Bench.Scenario;

/// <summary>The capture stage of the no-saving phase: takes the autosave's place and does nothing.</summary>
public sealed class NoCaptureStage : ITickStage
{
    public string Name => TickStageNames.AutosaveCapture;

    public void Run(GameWorld world)
    {
    }
}
