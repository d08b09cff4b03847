using GameServer.Persistence.Autosave;
using GameServer.Server.Network.Players;
using GameServer.Server.Saves;
using GameServer.Server.Ticking;

namespace GameServer.Server.Commands;

/// <summary>What commands may use of the running server, and nothing more.</summary>
/// <remarks>Every member is safe from any thread; the world is reached only by posting to the tick thread.</remarks>
public sealed class CommandServices
{
    /// <summary>The world's name.</summary>
    public required string WorldName { get; init; }

    /// <summary>The world: work posted here runs on the tick thread between ticks and hands back its result.</summary>
    public required TickInbox World { get; init; }

    /// <summary>Tick rate, recent tick durations and overruns.</summary>
    public required ITickStatistics Ticks { get; init; }

    /// <summary>The autosave task (requests, schedule, retention, status).</summary>
    public required AutosaveService Autosave { get; init; }

    /// <summary>This world's saves (list, find, decode).</summary>
    public required WorldSaves Saves { get; init; }

    /// <summary>Stops the server (final save included).</summary>
    public required IStopControl Stop { get; init; }

    /// <summary>The players' port; null when the game has no players. Its roster is tick-thread only: reach it through <see cref="World"/>.</summary>
    public PlayerNetwork? Players { get; init; }
}
