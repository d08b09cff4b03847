namespace GameServer.Server.Commands;

/// <summary><c>help</c>: one line per command the caller may run.</summary>
internal sealed class HelpCommand(CommandRegistry registry) : IAdminCommand
{
    public string Name => "help";

    public string Usage => "help";

    public string Description => "list commands";

    public CommandPermissions Requires => CommandPermissions.View;

    public Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        foreach (var command in registry.All)
        {
            if (context.Caller.May(command.Requires)) context.Output.WriteLine($"  {UsageWithAliases(command),-28} {command.Description}");
        }

        return Task.FromResult(CommandOutcome.Success);
    }

    private static string UsageWithAliases(IAdminCommand command) =>
        command.Aliases.Count == 0 ? command.Usage : command.Usage + " | " + string.Join(" | ", command.Aliases);
}
