using Cysharp.Text;

namespace GameServer.Server.Commands;

/// <summary><c>players</c>: who is online, where from, their ping and dropped input.</summary>
internal sealed class PlayersCommand : IAdminCommand
{
    public string Name => "players";

    public string Usage => "players";

    public string Description => "online players: name, entity id, address, ping, input drops, bad packets";

    public CommandPermissions Requires => CommandPermissions.View;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count > 0) throw new CommandUsageException("no arguments expected");
        if (context.Services.Players is not { } players) return CommandOutcome.Failed("this game has no players");
        var rows = await context.Services.World.InvokeAsync(_ =>
        {
            var list = new List<string>();
            foreach (var s in players.Roster.Online)
            {
                list.Add(ZString.Format(
                    "{0,-32} entity={1} address={2} ping={3}ms input_drops={4} bad_packets={5}",
                    s.Name, s.EntityId, s.Address, s.Peer.Ping, s.Inputs.Dropped, s.Dropped));
            }

            return list;
        }).ConfigureAwait(false);
        context.Output.WriteLine(ZString.Format("{0} players online ({1} known in this world)", rows.Count, await context.Services.World.InvokeAsync(_ => players.Roster.Directory.Count).ConfigureAwait(false)));
        foreach (var row in rows) context.Output.WriteLine(row);
        return CommandOutcome.Success;
    }
}
