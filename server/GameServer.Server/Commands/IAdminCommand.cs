namespace GameServer.Server.Commands;

/// <summary>
/// An admin command: name, one-line description, usage and required permission live on the command, so
/// the console and the remote admin channel run the very same registry.
/// </summary>
public interface IAdminCommand
{
    /// <summary>What the admin types first.</summary>
    string Name { get; }

    /// <summary>Other names the command answers to (e.g. <c>quit</c> for <c>stop</c>); none by default.</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>Usage, e.g. <c>save [label]</c>.</summary>
    string Usage { get; }

    /// <summary>One line of help.</summary>
    string Description { get; }

    /// <summary>What a caller must be allowed to run this command.</summary>
    CommandPermissions Requires { get; }

    /// <summary>
    /// Runs the command; the task completes when its reply is complete. Starts on the caller's thread;
    /// anything touching the world is posted to the tick thread (<see cref="CommandServices.World"/>) and awaited.
    /// </summary>
    /// <exception cref="CommandUsageException">The arguments are wrong; the registry prints the reason and the usage.</exception>
    Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args);
}
