namespace GameServer.Server.Commands;

/// <summary>The server's built-in admin commands.</summary>
public static class AdminCommands
{
    /// <summary>A registry holding every built-in command.</summary>
    public static CommandRegistry CreateRegistry()
    {
        var registry = new CommandRegistry();
        registry
            .Register(new StatusCommand())
            .Register(new SaveCommand())
            .Register(new SaveOffCommand())
            .Register(new SaveOnCommand())
            .Register(new SavesCommand())
            .Register(new PlayersCommand())
            .Register(new KickCommand())
            .Register(new LoadCommand())
            .Register(new AutosaveCommand())
            .Register(new StopCommand())
            .Register(new HelpCommand(registry));
        return registry;
    }
}
