using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;
using GameServer.Tests.Support;

namespace GameServer.Tests.Persistence.Storage;

/// <summary>The folder store meets the store contract, on the real file system.</summary>
public class LocalFolderStoreContractTests : SaveStoreContractTests
{
    private TempFolder? _folder;

    protected override ISaveStore CreateStore()
    {
        _folder = new TempFolder();
        return new LocalFolderStore(Path.Combine(_folder.Path, "world"));
    }

    protected override void DeleteStore() => _folder?.Dispose();
}
