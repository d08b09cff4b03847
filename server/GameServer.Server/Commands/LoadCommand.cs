using GameServer.Persistence.Autosave;
using GameServer.Persistence.Format;
using GameServer.Persistence.Storage;
using GameServer.World;
using GameServer.World.Snapshots;

namespace GameServer.Server.Commands;

/// <summary>
/// <c>load &lt;save&gt;</c>: roll the world back at a tick boundary, saving the state it replaces as a manual
/// <c>pre-rollback</c> save. The save is found and decoded off the tick thread before anything is written, so
/// a mistyped or damaged save leaves no file behind. The pre-rollback capture and the restore run in the same
/// gap between two ticks (<see cref="AutosaveService.RequestSaveBefore"/>), so no tick is in neither save. The
/// restored state is saved (an autosave) before the rollback is acknowledged, so a crash right after the
/// acknowledgement resumes the rolled-back world, not the pre-rollback save.
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
            output.WriteLine($"saving the current state as 'pre-rollback' and loading '{wanted}' between the same two ticks");
            var rollback = new Rollback(snapshot);
            var before = await services.Autosave.RequestSaveBefore(SaveKind.Manual, "pre-rollback", rollback.Apply).ConfigureAwait(false);
            if (rollback.Error is { } refused) return Fail(output, $"cannot roll back to {entry.FileName}: {refused.Message}");
            if (rollback.Description is not { } restored) return Fail(output, $"not rolling back: the pre-rollback save was not taken: {before.Error}");
            if (!before.Succeeded)
            {
                // The restore already replaced the world in the same gap between ticks; only the save of what it replaced failed.
                output.WriteLine($"rolled back to {entry.FileName}: {restored}");
                return Fail(output, $"the pre-rollback save failed ({before.Error}): the state the rollback replaced is not on disk");
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

    private static CommandOutcome Fail(ICommandOutput output, string reason)
    {
        output.WriteLine("error: " + reason);
        return CommandOutcome.Failed(reason);
    }
}
