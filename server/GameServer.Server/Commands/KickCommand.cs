namespace GameServer.Server.Commands;

/// <summary><c>kick &lt;name&gt;</c>: disconnects an online player; the entity stays in the world, offline.</summary>
internal sealed class KickCommand : IAdminCommand
{
    public string Name => "kick";

    public string Usage => "kick <name>";

    public string Description => "disconnect an online player (the player can join again)";

    public CommandPermissions Requires => CommandPermissions.Kick;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count == 0) throw new CommandUsageException("which player?");
        if (context.Services.Players is not { } players) return CommandOutcome.Failed("this game has no players");

        // Names may hold spaces: the rest of the line is the name.
        var name = string.Join(' ', args);
        var reason = $"kicked by {context.Caller.Name}";
        var kicked = await context.Services.World.InvokeAsync(_ => players.Roster.Kick(name, reason)).ConfigureAwait(false);
        if (!kicked) return CommandOutcome.Failed($"no player '{name}' is online");
        context.Output.WriteLine($"kicked {name}");
        return CommandOutcome.Success;
    }
}
