namespace GameServer.Server.Commands;

/// <summary>
/// An admin command: name, one-line description and usage live on the command, so the console and the
/// remote admin channel run the very same registry.
/// </summary>
public interface IAdminCommand
{
    /// <summary>What the admin types first.</summary>
    string Name { get; }

    /// <summary>Usage, e.g. <c>save [label]</c>.</summary>
    string Usage { get; }

    /// <summary>One line of help.</summary>
    string Description { get; }

    /// <summary>Runs on the tick thread between ticks. Slow work goes to a background task that writes its own output.</summary>
    /// <exception cref="CommandUsageException">The arguments are wrong; the registry prints the reason and the usage.</exception>
    void Execute(CommandContext context, IReadOnlyList<string> args);
}
