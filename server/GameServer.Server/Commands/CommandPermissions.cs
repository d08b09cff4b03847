namespace GameServer.Server.Commands;

/// <summary>What a caller may do; each command requires one of these.</summary>
[Flags]
public enum CommandPermissions
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Look: <c>help</c>, <c>status</c>, <c>saves</c>.</summary>
    View = 1,

    /// <summary>Take a manual save.</summary>
    Save = 2,

    /// <summary>Change the autosave: <c>save-off</c>, <c>save-on</c>, <c>autosave</c>.</summary>
    Configure = 4,

    /// <summary>Roll the world back to a save (<c>load</c>).</summary>
    Rollback = 8,

    /// <summary>Stop the server.</summary>
    Stop = 16,

    /// <summary>Disconnect players (<c>kick</c>).</summary>
    Kick = 32,

    /// <summary>Everything (the console).</summary>
    All = View | Save | Configure | Rollback | Stop | Kick,
}
