namespace GameServer.Server.Commands;

/// <summary>Asks the server to stop: it finishes the tick, lets an in-flight save finish and takes a final save.</summary>
public interface IStopControl
{
    /// <summary>Requests the stop. Any thread; returns at once.</summary>
    void RequestStop();

    /// <summary>Whether a stop was requested.</summary>
    bool StopRequested { get; }
}
