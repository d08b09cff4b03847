using GameServer.Server.Ticking;
using GameServer.World;

namespace GameServer.Server.Commands;

/// <summary>A console line to run through the command registry on the tick thread.</summary>
internal sealed class CommandWork(GameHost host, string line, ICommandOutput output) : TickWork
{
    public override void Execute(GameWorld world) => host.Commands.Execute(line, new CommandContext(host, output));

    public override void Abandon()
    {
    }
}
