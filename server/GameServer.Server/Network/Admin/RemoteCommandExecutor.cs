using GameServer.Server.Commands;

namespace GameServer.Server.Network.Admin;

/// <summary>
/// Runs an authenticated admin's command line for <paramref name="caller"/>, replying to
/// <paramref name="output"/>; the task completes, never faulting, once the reply has ended. In the server
/// this is <see cref="Hosting.GameHost.ExecuteCommandAsync"/>: the console's own command registry.
/// </summary>
public delegate Task<CommandOutcome> RemoteCommandExecutor(string line, CommandCaller caller, ICommandOutput output);
