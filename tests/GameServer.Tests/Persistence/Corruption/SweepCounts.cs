using System.Globalization;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// How many damaged inputs the corrupt-input sweep tries: small enough for CI by default, raised for the long run
/// through environment variables (docs/reliability.md gives the long-run command).
/// </summary>
internal static class SweepCounts
{
    /// <summary>Random single-bit flips per save (full and delta each): <c>GAMESERVER_SWEEP_FLIPS</c>, default 10,000.</summary>
    public static int Flips => Read("GAMESERVER_SWEEP_FLIPS", 10_000);

    /// <summary>Random truncation lengths per save, besides every block boundary: <c>GAMESERVER_SWEEP_TRUNCATIONS</c>, default 300.</summary>
    public static int Truncations => Read("GAMESERVER_SWEEP_TRUNCATIONS", 300);

    /// <summary>Random header-field mutations (checksum recomputed) per save: <c>GAMESERVER_SWEEP_HEADER_MUTATIONS</c>, default 2,000.</summary>
    public static int HeaderMutations => Read("GAMESERVER_SWEEP_HEADER_MUTATIONS", 2_000);

    /// <summary>Seed of every random choice: <c>GAMESERVER_SWEEP_SEED</c>, default 12.</summary>
    public static int Seed => Read("GAMESERVER_SWEEP_SEED", 12);

    private static int Read(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
}
