namespace GameServer.Server.Commands;

/// <summary>Where a command's reply goes (the console today, a remote admin later). Thread-safe.</summary>
public interface ICommandOutput
{
    /// <summary>Writes one line of the reply.</summary>
    void WriteLine(string line);

    /// <summary>The reply is complete: no more lines follow. Called exactly once per command, by the registry.</summary>
    void EndReply(CommandOutcome outcome);
}
