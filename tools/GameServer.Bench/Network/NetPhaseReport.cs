using System.Text.Json.Serialization;

namespace GameServer.Bench.Network;

/// <summary>One phase of <c>gamebench net</c>: what the bots felt and what the tick thread did.</summary>
public sealed class NetPhaseReport
{
    [JsonPropertyName("bots_joined")] public int BotsJoined { get; set; }

    [JsonPropertyName("bot_drops")] public int BotDrops { get; set; }

    [JsonPropertyName("round_trips")] public long RoundTrips { get; set; }

    [JsonPropertyName("rtt_ms_p50")] public double RttMsP50 { get; set; }

    [JsonPropertyName("rtt_ms_p99")] public double RttMsP99 { get; set; }

    [JsonPropertyName("rtt_ms_max")] public double RttMsMax { get; set; }

    [JsonPropertyName("max_update_gap_ms")] public double MaxUpdateGapMs { get; set; }

    [JsonPropertyName("updates_per_second")] public double UpdatesPerSecond { get; set; }

    [JsonPropertyName("bytes_per_second")] public double BytesPerSecond { get; set; }

    [JsonPropertyName("saves")] public long Saves { get; set; }

    [JsonPropertyName("ticks")] public int Ticks { get; set; }

    [JsonPropertyName("tick_ms_p99")] public double TickMsP99 { get; set; }

    [JsonPropertyName("tick_ms_max")] public double TickMsMax { get; set; }

    /// <summary>Tick-thread bytes per tick with every bot online (-1: they never all were).</summary>
    [JsonPropertyName("alloc_bytes_per_tick")] public double AllocBytesPerTick { get; set; }
}
