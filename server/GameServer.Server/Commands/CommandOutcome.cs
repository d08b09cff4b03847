namespace GameServer.Server.Commands;

/// <summary>How a command ended: succeeded, or failed with a one-line reason.</summary>
/// <param name="Succeeded">Whether the command did what it was asked.</param>
/// <param name="Reason">Why it failed; null on success.</param>
public sealed record CommandOutcome(bool Succeeded, string? Reason)
{
    /// <summary>The command did what it was asked.</summary>
    public static CommandOutcome Success { get; } = new(true, null);

    /// <summary>The command failed for <paramref name="reason"/>.</summary>
    public static CommandOutcome Failed(string reason) => new(false, reason);
}
