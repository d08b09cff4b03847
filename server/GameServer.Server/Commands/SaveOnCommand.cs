namespace GameServer.Server.Commands;

/// <summary><c>save-on</c>: resume scheduled autosaves.</summary>
internal sealed class SaveOnCommand : IAdminCommand
{
    public string Name => "save-on";

    public string Usage => "save-on";

    public string Description => "resume scheduled autosaves";

    public void Execute(CommandContext context, IReadOnlyList<string> args)
    {
        context.Host.Autosave.Resume();
        context.Output.WriteLine("autosave resumed");
    }
}
