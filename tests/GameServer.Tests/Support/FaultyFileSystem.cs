using GameServer.Persistence.Storage.Local;

namespace GameServer.Tests.Support;

/// <summary>The real file system, with failures injected on command at single steps: the fault seam for tests.</summary>
internal sealed class FaultyFileSystem(IDurableFileSystem? inner = null) : IDurableFileSystem
{
    private readonly IDurableFileSystem _inner = inner ?? PosixFileSystem.Instance;
    private readonly Dictionary<DurableFile, long> _written = [];

    /// <summary>Fail a file's writes once it holds this many bytes (null: never).</summary>
    public long? FailWriteAfterBytes { get; set; }

    public bool FailRename { get; set; }

    public bool FailFsync { get; set; }

    public long? ReportedFreeBytes { get; set; }

    public void CreateFolder(string path) => _inner.CreateFolder(path);

    public IReadOnlyList<DurableFileInfo> List(string folder) => _inner.List(folder);

    public DurableFile Create(string path) => _inner.Create(path);

    public void Write(DurableFile file, ReadOnlySpan<byte> data)
    {
        var written = _written.GetValueOrDefault(file);
        if (FailWriteAfterBytes is { } limit && written + data.Length > limit)
        {
            var room = (int)Math.Max(0, limit - written);
            _inner.Write(file, data[..room]);
            _written[file] = written + room;
            throw new IOException("No space left on device (injected)");
        }

        _inner.Write(file, data);
        _written[file] = written + data.Length;
    }

    public void Fsync(DurableFile file)
    {
        if (FailFsync) throw new IOException("Input/output error (injected on fsync)");
        _inner.Fsync(file);
    }

    public void Close(DurableFile file)
    {
        _written.Remove(file);
        _inner.Close(file);
    }

    public void Rename(string source, string destination)
    {
        if (FailRename) throw new UnauthorizedAccessException("Permission denied (injected on rename)");
        _inner.Rename(source, destination);
    }

    public void FsyncFolder(string folder) => _inner.FsyncFolder(folder);

    public void Delete(string path) => _inner.Delete(path);

    public IReadableFile OpenRead(string path) => _inner.OpenRead(path);

    public long? FreeBytes(string folder) => ReportedFreeBytes ?? _inner.FreeBytes(folder);

    public IDisposable? TryLock(string path, string holder, out string currentHolder) => _inner.TryLock(path, holder, out currentHolder);
}
