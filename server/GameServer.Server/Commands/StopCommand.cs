namespace GameServer.Server.Commands;

/// <summary><c>stop</c>: finish the in-flight save, take a final save and exit.</summary>
internal sealed class StopCommand : IAdminCommand
{
    public string Name => "stop";

    public IReadOnlyList<string> Aliases => ["quit", "exit"];

    public string Usage => "stop";

    public string Description => "take a final save and shut down";

    public CommandPermissions Requires => CommandPermissions.Stop;

    public Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        context.Output.WriteLine("stopping");
        context.Services.Stop.RequestStop();
        return Task.FromResult(CommandOutcome.Success);
    }
}
