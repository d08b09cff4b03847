namespace GameServer.Server.Commands;

/// <summary>Who runs a command: a name for logs and replies, where they are, and what they may do.</summary>
/// <param name="Name">The caller's name, e.g. <c>console</c> or an admin's account.</param>
/// <param name="Kind">Console or remote.</param>
/// <param name="Address">The remote address; null for the console.</param>
/// <param name="Permissions">What this caller may run.</param>
public sealed record CommandCaller(string Name, CallerKind Kind, string? Address, CommandPermissions Permissions)
{
    /// <summary>The server's console: may do everything.</summary>
    public static CommandCaller Console { get; } = new("console", CallerKind.Console, null, CommandPermissions.All);

    /// <summary>Whether this caller holds every permission in <paramref name="required"/>.</summary>
    public bool May(CommandPermissions required) => (Permissions & required) == required;

    /// <summary>The name, with the address for remote callers.</summary>
    public override string ToString() => Address is null ? Name : $"{Name}@{Address}";
}
