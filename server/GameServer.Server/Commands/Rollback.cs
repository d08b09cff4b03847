using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Server.Commands;

/// <summary>A <c>load</c>'s restore, run on the tick thread right after the pre-rollback capture; what it did, read once the save's result is in.</summary>
/// <remarks>
/// <see cref="Apply"/> runs on the tick thread before the save is handed to the autosave thread, and the save's
/// result reaches the command only after that hand-off, so the command reads these properties after they are set.
/// </remarks>
internal sealed class Rollback(WorldSnapshot snapshot)
{
    /// <summary>"tick A -> B, entities=N" once restored; null when the restore never ran or was refused.</summary>
    public string? Description { get; private set; }

    /// <summary>Why the restore failed; when the save's columns or ids do not fit this world (the usual reason), the world is unchanged.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Restores the snapshot into <paramref name="world"/> (tick thread).</summary>
    public void Apply(GameWorld world)
    {
        var from = world.Tick;
        try
        {
            world.Restore(snapshot);
        }
        catch (Exception e)
        {
            // Caught here, not by the autosave, so the command can say why.
            Error = e;
            return;
        }

        Description = $"tick {from} -> {world.Tick}, entities={world.Count}";
    }
}
