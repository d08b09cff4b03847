using GameServer.Server.Commands;

namespace GameServer.Server;

/// <summary>Something to do on the tick thread between two ticks.</summary>
public abstract class TickWork
{
    /// <summary>Runs between ticks on the tick thread.</summary>
    public abstract void Execute(GameHost host);
}

/// <summary>A console line to run through the command registry.</summary>
internal sealed class CommandWork(string line, ICommandOutput output) : TickWork
{
    public override void Execute(GameHost host) => host.Commands.Execute(line, new CommandContext(host, output));
}

/// <summary>An action to run between ticks (e.g. applying a rollback once its save has been decoded).</summary>
public sealed class ActionWork(Action<GameHost> action) : TickWork
{
    /// <inheritdoc />
    public override void Execute(GameHost host) => action(host);
}
