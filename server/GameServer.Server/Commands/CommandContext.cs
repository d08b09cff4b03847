namespace GameServer.Server.Commands;

/// <summary>What a command runs with: who called, where the reply goes, and the services it may use.</summary>
/// <param name="Caller">Who runs the command (identity and permissions).</param>
/// <param name="Output">Where the reply lines go.</param>
/// <param name="Services">The parts of the running server commands may use.</param>
public sealed record CommandContext(CommandCaller Caller, ICommandOutput Output, CommandServices Services);
