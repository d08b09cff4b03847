using System.Text.Json.Serialization;
using GameServer.Bench.Probes;

namespace GameServer.Bench.Stores;

/// <summary>One store's figures in <c>gamebench stores</c> (snake_case JSON).</summary>
public sealed class StoreReport
{
    [JsonPropertyName("store")] public string Store { get; set; } = "";

    [JsonPropertyName("saves")] public int Saves { get; set; }

    [JsonPropertyName("failed_saves")] public int FailedSaves { get; set; }

    [JsonPropertyName("full_saves")] public int FullSaves { get; set; }

    [JsonPropertyName("full_bytes_median")] public double FullBytesMedian { get; set; }

    [JsonPropertyName("full_write_ms_median")] public double FullWriteMsMedian { get; set; }

    [JsonPropertyName("full_save_ms_median")] public double FullSaveMsMedian { get; set; }

    [JsonPropertyName("delta_saves")] public int DeltaSaves { get; set; }

    [JsonPropertyName("delta_bytes_median")] public double DeltaBytesMedian { get; set; }

    [JsonPropertyName("delta_write_ms_median")] public double DeltaWriteMsMedian { get; set; }

    [JsonPropertyName("delta_save_ms_median")] public double DeltaSaveMsMedian { get; set; }

    [JsonPropertyName("load_ms_median")] public double LoadMsMedian { get; set; }

    [JsonPropertyName("tick_ms_p99_idle")] public double TickMsP99Idle { get; set; }

    [JsonPropertyName("tick_ms_p99_saving")] public double TickMsP99Saving { get; set; }

    [JsonPropertyName("tick_ms_max_saving")] public double TickMsMaxSaving { get; set; }

    [JsonPropertyName("tick_p99_saving_vs_idle")] public double TickP99SavingVsIdle { get; set; }

    /// <summary>Saves made before measuring, until the JIT was quiet (steady state).</summary>
    [JsonPropertyName("warmup_saves")] public int WarmUpSaves { get; set; }

    [JsonPropertyName("warmup_seconds")] public double WarmUpSeconds { get; set; }

    /// <summary>The idle phase (ticks without autosave): GC, allocation, CPU competition.</summary>
    [JsonPropertyName("idle")] public PhaseReport Idle { get; set; } = new();

    /// <summary>The saving phase (ticks with autosave into this store), measured as the idle phase.</summary>
    [JsonPropertyName("saving")] public PhaseReport Saving { get; set; } = new();
}
