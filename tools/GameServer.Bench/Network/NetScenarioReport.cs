using System.Text.Json.Serialization;

namespace GameServer.Bench.Network;

/// <summary>What <c>gamebench net</c> prints: one JSON object (snake_case field names).</summary>
public sealed class NetScenarioReport
{
    [JsonPropertyName("entities")] public int Entities { get; set; }

    [JsonPropertyName("bots")] public int Bots { get; set; }

    [JsonPropertyName("seconds_per_phase")] public int SecondsPerPhase { get; set; }

    [JsonPropertyName("tick_rate")] public int TickRate { get; set; }

    [JsonPropertyName("update_interval_ms")] public double UpdateIntervalMs { get; set; }

    [JsonPropertyName("autosave_interval_s")] public double AutosaveIntervalSeconds { get; set; }

    /// <summary>idle (no saving), ours (our autosave), naive (capture, encode and write on the tick thread).</summary>
    [JsonPropertyName("phases")] public Dictionary<string, NetPhaseReport> Phases { get; set; } = [];

    [JsonPropertyName("ratios")] public Dictionary<string, double> Ratios { get; set; } = [];

    [JsonPropertyName("targets_met")] public Dictionary<string, bool> TargetsMet { get; set; } = [];

    [JsonPropertyName("machine")] public string Machine { get; set; } = "";
}
