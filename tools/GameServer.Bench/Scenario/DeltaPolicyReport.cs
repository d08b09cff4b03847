using System.Text.Json.Serialization;

namespace GameServer.Bench.Scenario;

/// <summary>What <c>gamebench delta-policy</c> prints: the measured saves and one row per policy (snake_case JSON).</summary>
public sealed class DeltaPolicyReport
{
    [JsonPropertyName("entities")] public int Entities { get; set; }

    [JsonPropertyName("churn")] public string Churn { get; set; } = "demo";

    [JsonPropertyName("autosave_interval_s")] public double AutosaveIntervalSeconds { get; set; }

    [JsonPropertyName("world_bytes")] public long WorldBytes { get; set; }

    [JsonPropertyName("full_bytes_median")] public double FullBytesMedian { get; set; }

    [JsonPropertyName("full_ms_median")] public double FullMsMedian { get; set; }

    [JsonPropertyName("full_load_ms_median")] public double FullLoadMsMedian { get; set; }

    /// <summary>CPU time of the loading thread: the load's cost without the waits of a shared machine.</summary>
    [JsonPropertyName("full_load_cpu_ms_median")] public double FullLoadCpuMsMedian { get; set; }

    /// <summary>Stored bytes of each delta of the measured chain, in order.</summary>
    [JsonPropertyName("delta_bytes")] public List<long> DeltaBytes { get; set; } = [];

    /// <summary>Encode + write milliseconds of each delta of the measured chain, in order.</summary>
    [JsonPropertyName("delta_ms")] public List<double> DeltaMs { get; set; } = [];

    [JsonPropertyName("policies")] public List<DeltaPolicyRow> Policies { get; set; } = [];

    [JsonPropertyName("machine")] public string Machine { get; set; } = "";
}

/// <summary>One policy's figures.</summary>
public sealed class DeltaPolicyRow
{
    [JsonPropertyName("full_every")] public int FullEvery { get; set; }

    [JsonPropertyName("max_chain_fraction")] public double MaxChainFraction { get; set; }

    /// <summary>Deltas after each full save under this policy.</summary>
    [JsonPropertyName("chain_length")] public int ChainLength { get; set; }

    /// <summary>Average stored bytes per save over one chain (its full save and its deltas).</summary>
    [JsonPropertyName("bytes_per_save")] public double BytesPerSave { get; set; }

    /// <summary>Average encode + write milliseconds per save over one chain.</summary>
    [JsonPropertyName("ms_per_save")] public double MsPerSave { get; set; }

    [JsonPropertyName("delta_ms_median")] public double DeltaMsMedian { get; set; }

    /// <summary>Load of the chain's last delta (the longest load the policy allows).</summary>
    [JsonPropertyName("worst_chain_load_ms")] public double WorstChainLoadMs { get; set; }

    [JsonPropertyName("worst_chain_load_vs_full_load")] public double WorstChainLoadVsFull { get; set; }

    [JsonPropertyName("worst_chain_load_cpu_ms")] public double WorstChainLoadCpuMs { get; set; }

    [JsonPropertyName("worst_chain_load_cpu_vs_full_load")] public double WorstChainLoadCpuVsFull { get; set; }

    [JsonPropertyName("is_default")] public bool IsDefault { get; set; }
}
