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

    /// <summary>
    /// A simulated volume of this many bytes holding only <see cref="CapacityFolder"/>: free space is what its
    /// files leave, and a write past it fails with ENOSPC (errno 28 in HResult, as .NET reports it) after
    /// writing what fits, like a real full disk. Null: the real disk.
    /// </summary>
    public long? CapacityBytes { get; set; }

    /// <summary>The folder whose files fill the simulated volume.</summary>
    public string? CapacityFolder { get; set; }

    /// <summary>Runs after each <see cref="CreateFolder"/> (a test can race the store there).</summary>
    public Action<string>? AfterCreateFolder { get; set; }

    public void CreateFolder(string path)
    {
        _inner.CreateFolder(path);
        AfterCreateFolder?.Invoke(path);
    }

    public IReadOnlyList<DurableFileInfo> List(string folder) => _inner.List(folder);

    public DurableFile Create(string path) => _inner.Create(path);

    public void Write(DurableFile file, ReadOnlySpan<byte> data)
    {
        var written = _written.GetValueOrDefault(file);
        if (CapacityBytes is { } capacity && Used() + data.Length > capacity)
        {
            var room = (int)Math.Max(0, capacity - Used());
            _inner.Write(file, data[..room]);
            throw new IOException("No space left on device (simulated full volume)", 28);
        }

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

    public long? FreeBytes(string folder) => ReportedFreeBytes ?? (CapacityBytes is { } capacity ? capacity - Used() : _inner.FreeBytes(folder));

    public long? VolumeBytes(string folder) => CapacityBytes ?? _inner.VolumeBytes(folder);

    private long Used() => _inner.List(CapacityFolder ?? throw new InvalidOperationException("set CapacityFolder with CapacityBytes")).Sum(f => f.Length);

    public IDisposable? TryLock(string path, string holder, out string currentHolder) => _inner.TryLock(path, holder, out currentHolder);
}
