using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.InMemory;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>The in-memory store meets the same contract as the folder store.</summary>
public class InMemorySaveStoreContractTests : SaveStoreContractTests
{
    protected override ISaveStore CreateStore() => new InMemorySaveStore("memory-test");
}
