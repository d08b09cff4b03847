namespace GameServer.Server.Commands;

/// <summary>Where a command's output lines go (the console today, a remote admin later). Thread-safe.</summary>
public interface ICommandOutput
{
    /// <summary>Writes one line.</summary>
    void WriteLine(string line);
}
