namespace GameServer.Server.Commands;

/// <summary><c>help</c>: one line per command.</summary>
internal sealed class HelpCommand(CommandRegistry registry) : IAdminCommand
{
    public string Name => "help";

    public string Usage => "help";

    public string Description => "list commands";

    public void Execute(CommandContext context, IReadOnlyList<string> args)
    {
        foreach (var command in registry.All) context.Output.WriteLine($"  {command.Usage,-28} {command.Description}");
    }
}
