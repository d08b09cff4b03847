namespace GameServer.Server.Commands;

/// <summary><c>save-on</c>: resume scheduled autosaves.</summary>
internal sealed class SaveOnCommand : IAdminCommand
{
    public string Name => "save-on";

    public string Usage => "save-on";

    public string Description => "resume scheduled autosaves";

    public CommandPermissions Requires => CommandPermissions.Configure;

    public Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        context.Services.Autosave.Resume();
        context.Output.WriteLine("autosave resumed");
        return Task.FromResult(CommandOutcome.Success);
    }
}
