using System.Text.Json.Serialization;

namespace GameServer.Bench.Stores;

/// <summary>What <c>gamebench stores</c> prints: the run's settings, each store's figures, and Azure vs folder.</summary>
public sealed class StoreComparisonReport
{
    [JsonPropertyName("entities")] public int Entities { get; set; }

    [JsonPropertyName("seconds_per_phase")] public double SecondsPerPhase { get; set; }

    [JsonPropertyName("tick_rate")] public int TickRate { get; set; }

    [JsonPropertyName("autosave_interval_s")] public double AutosaveIntervalSeconds { get; set; }

    [JsonPropertyName("full_every")] public int FullEvery { get; set; }

    /// <summary>Nice value Azurite ran at: it stands in for a remote service, whose CPU is not the server's.</summary>
    [JsonPropertyName("azurite_nice")] public int AzuriteNice { get; set; }

    [JsonPropertyName("tuning")] public StoreTuning Tuning { get; set; } = new();

    [JsonPropertyName("machine")] public string Machine { get; set; } = "";

    [JsonPropertyName("stores")] public List<StoreReport> Stores { get; set; } = [];

    [JsonPropertyName("ratios")] public Dictionary<string, double> Ratios { get; set; } = [];
}
