using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;

namespace GameServer.Server.Commands;

/// <summary>
/// <c>load &lt;save&gt;</c>: roll the world back at a tick boundary, after first saving the current state as
/// a manual <c>pre-rollback</c> save. The file is decoded on a background task; only the final copy into
/// the world runs on the tick thread.
/// </summary>
internal sealed class LoadCommand : IAdminCommand
{
    public string Name => "load";

    public string Usage => "load <save>";

    public string Description => "roll back to a save (file name or unique part of it); saves 'pre-rollback' first";

    public void Execute(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count != 1) throw new CommandUsageException("name one save");
        var host = context.Host;
        var output = context.Output;
        var wanted = args[0];
        var folder = host.WorldDirectory;
        var preSave = host.Autosave.RequestSave(SaveKind.Manual, "pre-rollback");
        output.WriteLine($"saving the current state as 'pre-rollback' before loading '{wanted}'");
        _ = Task.Run(async () =>
        {
            var entries = SaveCatalog.List(folder);
            var matches = entries.Where(e => e.FileName == wanted).ToList();
            if (matches.Count == 0) matches = entries.Where(e => e.FileName.Contains(wanted, StringComparison.Ordinal)).ToList();
            var before = await preSave.ConfigureAwait(false);
            if (matches.Count != 1)
            {
                output.WriteLine(matches.Count == 0
                    ? $"error: no save matches '{wanted}' (see 'saves')"
                    : $"error: '{wanted}' matches {matches.Count} saves; give more of the name");
                return;
            }

            if (!before.Succeeded)
            {
                output.WriteLine($"error: not rolling back: the pre-rollback save failed: {before.Error}");
                return;
            }

            GameServer.World.Snapshots.WorldSnapshot snapshot;
            try
            {
                snapshot = SaveLoader.Load(matches[0].Path);
            }
            catch (GameServer.Persistence.Format.SaveFormatException e)
            {
                output.WriteLine($"error: cannot load: {e.Message}");
                return;
            }

            try
            {
                await host.Inbox.InvokeAsync(world => Apply(world, snapshot, matches[0].FileName, output)).ConfigureAwait(false);
            }
            catch (GameServer.Server.Ticking.TickWorkRejectedException)
            {
                snapshot.Dispose();
                output.WriteLine("error: the server is stopping; rollback abandoned");
            }
        });
    }

    private static bool Apply(GameServer.World.GameWorld world, GameServer.World.Snapshots.WorldSnapshot snapshot, string file, ICommandOutput output)
    {
        using (snapshot)
        {
            try
            {
                var from = world.Tick;
                world.Restore(snapshot);
                output.WriteLine($"rolled back to {file}: tick {from} -> {world.Tick}, entities={world.Count}");
                return true;
            }
            catch (Exception e) when (e is GameServer.World.SchemaMismatchException or InvalidDataException)
            {
                output.WriteLine($"error: cannot roll back to {file}: {e.Message}");
                return false;
            }
        }
    }
}
