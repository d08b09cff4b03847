using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage.Local;
using GameServer.World.Snapshots;

namespace GameServer.Tests.Support;

/// <summary>Tests hold saves by path: open the file's folder as a read-only store and read by name, as the inspector does.</summary>
internal static class SavePaths
{
    public static LocalFolderStore StoreOf(string path) => LocalFolderStore.OpenReadOnly(Path.GetDirectoryName(Path.GetFullPath(path))!);

    public static SaveFile Open(string path) => SaveFile.OpenAsync(StoreOf(path), Path.GetFileName(path)).GetAwaiter().GetResult();

    public static WorldSnapshot Load(string path) => SaveLoader.LoadAsync(StoreOf(path), Path.GetFileName(path)).GetAwaiter().GetResult();

    public static SaveFormatException? Verify(string path, bool decode = false) =>
        SaveVerifier.VerifyAsync(StoreOf(path), Path.GetFileName(path), decode).GetAwaiter().GetResult();

    public static IReadOnlyList<SaveEntry> List(string folder) => SaveCatalog.ListAsync(LocalFolderStore.OpenReadOnly(folder)).GetAwaiter().GetResult();

    public static LoadResult LoadLatest(string folder) => SaveLoader.LoadLatestAsync(LocalFolderStore.OpenReadOnly(folder)).GetAwaiter().GetResult();
}
