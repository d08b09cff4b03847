using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>The Azure Blob store meets the store contract, against a real Azurite (one container per test).</summary>
[NonParallelizable]
public class AzureBlobSaveStoreContractTests : SaveStoreContractTests
{
    private AzuriteServer _azurite = null!;

    [OneTimeSetUp]
    public void StartAzurite() => _azurite = AzuriteServer.StartNew();

    [OneTimeTearDown]
    public void StopAzurite() => _azurite?.Dispose();

    protected override ISaveStore CreateStore()
    {
        // Small blocks, so the contract's 300 KB save is several staged blocks committed as one.
        var options = new AzureBlobStoreOptions { BlockSize = 64 * 1024, LeaseDuration = TimeSpan.FromSeconds(15) };
        return new AzureBlobSaveStore(_azurite.Container(AzuriteServer.NewContainerName(), options), "fleet", "world", options);
    }
}
