using GameServer.Persistence.Storage.Local;

namespace GameServer.Tests.Support;

/// <summary>The real file system, recording every call as "Step name" (file names only): proves the order of the steps.</summary>
internal sealed class RecordingFileSystem(IDurableFileSystem? inner = null) : IDurableFileSystem
{
    private readonly IDurableFileSystem _inner = inner ?? PosixFileSystem.Instance;

    public List<string> Calls { get; } = [];

    /// <summary>The calls with consecutive writes folded into one "Write" (how many depends on the writer).</summary>
    public List<string> Steps() => Calls.Where((c, i) => !(c.StartsWith("Write ", StringComparison.Ordinal) && i > 0 && Calls[i - 1] == c)).ToList();

    public void CreateFolder(string path) => Record($"CreateFolder {Name(path)}", () => _inner.CreateFolder(path));

    public IReadOnlyList<DurableFileInfo> List(string folder)
    {
        Calls.Add($"List {Name(folder)}");
        return _inner.List(folder);
    }

    public DurableFile Create(string path)
    {
        Calls.Add($"Create {Name(path)}");
        return _inner.Create(path);
    }

    public void Write(DurableFile file, ReadOnlySpan<byte> data)
    {
        Calls.Add($"Write {Name(file.Path)}");
        _inner.Write(file, data);
    }

    public void Fsync(DurableFile file) => Record($"Fsync {Name(file.Path)}", () => _inner.Fsync(file));

    public void Close(DurableFile file) => Record($"Close {Name(file.Path)}", () => _inner.Close(file));

    public void Rename(string source, string destination) => Record($"Rename {Name(source)} -> {Name(destination)}", () => _inner.Rename(source, destination));

    public void FsyncFolder(string folder) => Record($"FsyncFolder {Name(folder)}", () => _inner.FsyncFolder(folder));

    public void Delete(string path) => Record($"Delete {Name(path)}", () => _inner.Delete(path));

    public IReadableFile OpenRead(string path)
    {
        Calls.Add($"OpenRead {Name(path)}");
        return _inner.OpenRead(path);
    }

    public long? FreeBytes(string folder)
    {
        Calls.Add($"FreeBytes {Name(folder)}");
        return _inner.FreeBytes(folder);
    }

    public IDisposable? TryLock(string path, string holder, out string currentHolder)
    {
        Calls.Add($"TryLock {Name(path)}");
        return _inner.TryLock(path, holder, out currentHolder);
    }

    private static string Name(string path) => Path.GetFileName(path);

    private void Record(string call, Action action)
    {
        Calls.Add(call);
        action();
    }
}
