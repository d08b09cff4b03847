using System.Text.Json.Serialization;
using GameServer.Persistence.AzureBlob;

namespace GameServer.Bench.Stores;

/// <summary>
/// The save-side knobs <c>gamebench stores</c> can turn for an A/B run (default: the product's defaults), and
/// which stores to measure.
/// </summary>
public sealed record StoreTuning
{
    /// <summary>"both" (default), "folder" or "azblob".</summary>
    [JsonPropertyName("stores")] public string Stores { get; init; } = "both";

    [JsonPropertyName("checksum")] public BlockChecksum Checksum { get; init; } = new AzureBlobStoreOptions().TransferChecksum;

    [JsonPropertyName("upload_parallelism")] public int UploadParallelism { get; init; } = new AzureBlobStoreOptions().UploadParallelism;

    [JsonPropertyName("upload_nice")] public int UploadNice { get; init; } = new AzureBlobStoreOptions().UploadThreadNice;

    [JsonPropertyName("save_thread_nice")] public int SaveThreadNice { get; init; } = new GameServer.Persistence.Autosave.AutosaveOptions().SaveThreadNice;

    public bool Measures(string store) => Stores == "both" || Stores == store;

    public AzureBlobStoreOptions BlobOptions() => new()
    {
        TransferChecksum = Checksum,
        UploadParallelism = UploadParallelism,
        UploadThreadNice = UploadNice,
    };

    public override string ToString() =>
        $"stores {Stores}, checksum {Checksum}, upload parallelism {UploadParallelism}, upload nice +{UploadNice}, autosave thread nice +{SaveThreadNice}";
}
