using System.Text.Json.Serialization;

namespace GameServer.Bench.Scenario;

/// <summary>What <c>gamebench autosave</c> prints: one JSON object (snake_case field names).</summary>
public sealed class ScenarioReport
{
    [JsonPropertyName("entities")] public int Entities { get; set; }

    [JsonPropertyName("seconds_per_phase")] public double SecondsPerPhase { get; set; }

    [JsonPropertyName("tick_rate")] public int TickRate { get; set; }

    [JsonPropertyName("autosave_interval_s")] public double AutosaveIntervalSeconds { get; set; }

    [JsonPropertyName("world_bytes")] public long WorldBytes { get; set; }

    [JsonPropertyName("memcpy_ms_median")] public double MemcpyMsMedian { get; set; }

    [JsonPropertyName("capture_full_ms_median")] public double CaptureFullMsMedian { get; set; }

    [JsonPropertyName("capture_incremental_ms_median")] public double CaptureIncrementalMsMedian { get; set; }

    [JsonPropertyName("autosave_pause_ms_median")] public double AutosavePauseMsMedian { get; set; }

    [JsonPropertyName("autosave_copy_ms_median")] public double AutosaveCopyMsMedian { get; set; }

    [JsonPropertyName("barrier_wait_ms_max")] public double BarrierWaitMsMax { get; set; }

    [JsonPropertyName("dirty_fraction")] public double DirtyFraction { get; set; }

    [JsonPropertyName("tick_ms_p50_idle")] public double TickMsP50Idle { get; set; }

    [JsonPropertyName("tick_ms_p99_idle")] public double TickMsP99Idle { get; set; }

    [JsonPropertyName("tick_ms_max_idle")] public double TickMsMaxIdle { get; set; }

    [JsonPropertyName("tick_ms_p50_saving")] public double TickMsP50Saving { get; set; }

    [JsonPropertyName("tick_ms_p99_saving")] public double TickMsP99Saving { get; set; }

    [JsonPropertyName("tick_ms_max_saving")] public double TickMsMaxSaving { get; set; }

    [JsonPropertyName("tick_ms_p99_naive")] public double TickMsP99Naive { get; set; }

    [JsonPropertyName("tick_ms_max_naive")] public double TickMsMaxNaive { get; set; }

    [JsonPropertyName("saves_ours")] public int SavesOurs { get; set; }

    [JsonPropertyName("saves_naive")] public int SavesNaive { get; set; }

    [JsonPropertyName("alloc_bytes_per_tick")] public double AllocBytesPerTick { get; set; }

    [JsonPropertyName("gen2_collections")] public int Gen2Collections { get; set; }

    [JsonPropertyName("save_ms_median")] public double SaveMsMedian { get; set; }

    [JsonPropertyName("encode_ms_median")] public double EncodeMsMedian { get; set; }

    [JsonPropertyName("write_ms_median")] public double WriteMsMedian { get; set; }

    [JsonPropertyName("raw_bytes")] public long RawBytes { get; set; }

    [JsonPropertyName("stored_bytes")] public long StoredBytes { get; set; }

    [JsonPropertyName("reference_zstd1_bytes")] public long ReferenceZstd1Bytes { get; set; }

    [JsonPropertyName("reference_zstd1_ms")] public double ReferenceZstd1Ms { get; set; }

    [JsonPropertyName("load_ms_median")] public double LoadMsMedian { get; set; }

    [JsonPropertyName("churn")] public string Churn { get; set; } = "demo";

    [JsonPropertyName("full_bytes_median")] public double FullBytesMedian { get; set; }

    [JsonPropertyName("full_ms_median")] public double FullMsMedian { get; set; }

    [JsonPropertyName("delta_saves")] public int DeltaSaves { get; set; }

    [JsonPropertyName("delta_bytes_median")] public double DeltaBytesMedian { get; set; }

    [JsonPropertyName("delta_ms_median")] public double DeltaMsMedian { get; set; }

    [JsonPropertyName("chain_load_ms_median")] public double ChainLoadMsMedian { get; set; }

    /// <summary>CPU time the autosave thread(s) consumed over wall time while our autosave ran (-1 where per-thread CPU time cannot be read).</summary>
    [JsonPropertyName("autosave_thread_cpu_fraction")] public double AutosaveThreadCpuFraction { get; set; }

    /// <summary>Sum of the saves' copy + encode + write durations over wall time: an upper bound of the CPU figure (it counts waits).</summary>
    [JsonPropertyName("autosave_thread_busy_fraction")] public double AutosaveThreadBusyFraction { get; set; }

    [JsonPropertyName("peak_rss_bytes")] public long PeakRssBytes { get; set; }

    [JsonPropertyName("ratios")] public Dictionary<string, double> Ratios { get; set; } = [];

    [JsonPropertyName("machine")] public string Machine { get; set; } = "";
}
