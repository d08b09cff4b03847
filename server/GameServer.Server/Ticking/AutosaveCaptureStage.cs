using GameServer.Persistence.Autosave;
using GameServer.World;

namespace GameServer.Server.Ticking;

/// <summary>The autosave's between-ticks step: fixes a capture point when a save is requested or due (<see cref="AutosaveService.OnBetweenTicks"/>).</summary>
/// <remarks>Tick thread; cheap when nothing is due and allocation-free in steady state.</remarks>
public sealed class AutosaveCaptureStage(AutosaveService autosave) : ITickStage
{
    private long _savesStarted;

    /// <inheritdoc />
    public string Name => TickStageNames.AutosaveCapture;

    /// <summary>Saves this stage handed to the autosave thread (tick thread reads it exactly).</summary>
    public long SavesStarted => Volatile.Read(ref _savesStarted);

    /// <inheritdoc />
    public void Run(GameWorld world)
    {
        var before = autosave.InFlight;
        autosave.OnBetweenTicks(world);
        if (!before && autosave.InFlight) Volatile.Write(ref _savesStarted, _savesStarted + 1);
    }
}
