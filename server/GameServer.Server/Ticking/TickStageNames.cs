namespace GameServer.Server.Ticking;

/// <summary>The names of the server's tick stages, in the order they run.</summary>
public static class TickStageNames
{
    /// <summary>Queued work from the console and (later) the network: commands, rollbacks.</summary>
    public const string Input = "input";

    /// <summary>Players' joins, leaves and newest inputs, applied before the simulation.</summary>
    public const string PlayerInput = "player-input";

    /// <summary>The game's per-tick simulation.</summary>
    public const string Simulation = "simulation";

    /// <summary>Sending state updates to players.</summary>
    public const string Network = "network";

    /// <summary>The autosave fixing a capture point when a save is due.</summary>
    public const string AutosaveCapture = "autosave-capture";
}
