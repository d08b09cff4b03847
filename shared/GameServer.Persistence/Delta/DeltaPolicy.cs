using GameServer.World.Schema;
using GameServer.World.Snapshots;

namespace GameServer.Persistence.Delta;

/// <summary>When an autosave may be a delta, and when the chain must restart with a full save.</summary>
/// <remarks>
/// A chain is one full save and the deltas after it. Loading it decodes the full save and applies every
/// delta, so its length and bytes bound both load time and what one damaged file can cost: a full save is
/// taken every <see cref="FullEvery"/> deltas, and as soon as the chain's deltas add up to more than
/// <see cref="MaxChainFraction"/> of the full save (heavy churn makes deltas as big as full saves). The
/// defaults were chosen with <c>gamebench delta-policy</c>; docs/save-format.md has the table and why.
/// </remarks>
public sealed record DeltaPolicy
{
    /// <summary>Whether autosaves may be deltas at all (default on).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Most deltas after a full save (default 10; 0 behaves as <see cref="Enabled"/> off).</summary>
    public int FullEvery { get; init; } = 10;

    /// <summary>Largest sum of delta bytes in a chain, as a fraction of its full save's bytes (default 0.5).</summary>
    public double MaxChainFraction { get; init; } = 0.5;

    /// <summary>A policy that never takes deltas.</summary>
    public static DeltaPolicy Off { get; } = new() { Enabled = false };

    /// <summary>Whether the next save of <paramref name="snapshot"/> may be a delta against <paramref name="deltaBase"/>.</summary>
    public bool AllowsDelta(DeltaBase deltaBase, WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(deltaBase);
        return ChainMayGrow(deltaBase) && deltaBase.CanBase(snapshot);
    }

    /// <summary>
    /// Before a capture of a world with <paramref name="schema"/>: whether its save may be a delta, so the capture
    /// should record its difference (a capture bound for a full save skips that work and its side buffer).
    /// </summary>
    public bool MayDelta(DeltaBase deltaBase, WorldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(deltaBase);
        return ChainMayGrow(deltaBase) && deltaBase.MayBase(schema);
    }

    private bool ChainMayGrow(DeltaBase deltaBase) =>
        Enabled && deltaBase.ChainIndex < FullEvery && deltaBase.DeltaBytes <= MaxChainFraction * deltaBase.FullBytes;
}
