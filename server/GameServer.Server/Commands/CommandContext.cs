namespace GameServer.Server.Commands;

/// <summary>What a command runs against: the server and where to write.</summary>
/// <param name="Host">The running server (its world belongs to the tick thread the command runs on).</param>
/// <param name="Output">Where to write result lines.</param>
public sealed record CommandContext(GameHost Host, ICommandOutput Output);
