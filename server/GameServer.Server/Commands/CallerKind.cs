namespace GameServer.Server.Commands;

/// <summary>Where a command came from.</summary>
public enum CallerKind
{
    /// <summary>The server's own console (stdin).</summary>
    Console,

    /// <summary>A remote admin connection.</summary>
    Remote,
}
