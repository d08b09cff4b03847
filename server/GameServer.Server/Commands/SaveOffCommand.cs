namespace GameServer.Server.Commands;

/// <summary><c>save-off</c>: suspend scheduled autosaves (for outside backups of the save folder).</summary>
internal sealed class SaveOffCommand : IAdminCommand
{
    public string Name => "save-off";

    public string Usage => "save-off";

    public string Description => "suspend scheduled autosaves (manual saves still work)";

    public CommandPermissions Requires => CommandPermissions.Configure;

    public Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        context.Services.Autosave.Suspend();
        context.Output.WriteLine("autosave suspended; 'save-on' resumes it");
        return Task.FromResult(CommandOutcome.Success);
    }
}
