using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Server.Commands;

/// <summary>
/// <c>load &lt;save&gt;</c>: roll the world back at a tick boundary, after first saving the current state as
/// a manual <c>pre-rollback</c> save. The save is found and decoded off the tick thread before anything is
/// written, so a mistyped or damaged save leaves no file behind; only the final copy into the world runs
/// on the tick thread. The restored state is saved (an autosave) before the rollback is acknowledged, so a
/// crash right after the acknowledgement resumes the rolled-back world, not the pre-rollback save.
/// </summary>
internal sealed class LoadCommand : IAdminCommand
{
    public string Name => "load";

    public string Usage => "load <save>";

    public string Description => "roll back to a save (file name or unique part of it); saves 'pre-rollback' first";

    public CommandPermissions Requires => CommandPermissions.Rollback;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count != 1) throw new CommandUsageException("name one save");
        var services = context.Services;
        var output = context.Output;
        var wanted = args[0];

        var lookup = await services.Saves.FindAsync(wanted).ConfigureAwait(false);
        if (lookup.Entry is not { } entry) return Fail(output, lookup.Problem!);

        WorldSnapshot snapshot;
        try
        {
            snapshot = await services.Saves.LoadAsync(entry).ConfigureAwait(false);
        }
        catch (SaveFormatException e)
        {
            return Fail(output, $"cannot load: {e.Message}");
        }

        using (snapshot)
        {
            output.WriteLine($"saving the current state as 'pre-rollback' before loading '{wanted}'");
            var before = await services.Autosave.RequestSave(SaveKind.Manual, "pre-rollback").ConfigureAwait(false);
            if (!before.Succeeded) return Fail(output, $"not rolling back: the pre-rollback save failed: {before.Error}");

            string restored;
            try
            {
                restored = await services.World.InvokeAsync(world => Apply(world, snapshot, entry.FileName)).ConfigureAwait(false);
            }
            catch (GameServer.Server.Ticking.TickWorkRejectedException e)
            {
                return Fail(output, $"rollback abandoned: {e.Message}");
            }
            catch (Exception e) when (e is SchemaMismatchException or InvalidDataException)
            {
                return Fail(output, $"cannot roll back to {entry.FileName}: {e.Message}");
            }

            // Until the restored state is committed, the newest save on disk is pre-rollback: a crash would undo the rollback.
            var after = await services.Autosave.RequestSave(SaveKind.Auto).ConfigureAwait(false);
            if (!after.Succeeded)
            {
                output.WriteLine($"rolled back to {entry.FileName}: {restored}");
                output.WriteLine($"warning: the save of the restored state failed ({after.Error}); a crash before the next save would resume the pre-rollback save");
                return CommandOutcome.Success;
            }

            output.WriteLine($"rolled back to {entry.FileName}: {restored}, saved as {after.Name}");
            return CommandOutcome.Success;
        }
    }

    /// <summary>Restores <paramref name="snapshot"/> into the world (tick thread) and describes the change.</summary>
    private static string Apply(GameWorld world, WorldSnapshot snapshot, string file)
    {
        var from = world.Tick;
        world.Restore(snapshot);
        return $"tick {from} -> {world.Tick}, entities={world.Count}";
    }

    private static CommandOutcome Fail(ICommandOutput output, string reason)
    {
        output.WriteLine("error: " + reason);
        return CommandOutcome.Failed(reason);
    }
}
