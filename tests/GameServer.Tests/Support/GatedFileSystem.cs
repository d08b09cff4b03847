using GameServer.Persistence.Storage.Local;

namespace GameServer.Tests.Support;

/// <summary>
/// The real file system whose commit step (the rename into place, or with <see cref="GateFolderFsync"/> the
/// folder fsync after it) can be held shut: a save in flight then stops at a known point.
/// </summary>
internal sealed class GatedFileSystem(IDurableFileSystem? inner = null) : IDurableFileSystem, IDisposable
{
    private readonly IDurableFileSystem _inner = inner ?? PosixFileSystem.Instance;
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private readonly SemaphoreSlim _entered = new(0);

    /// <summary>Hold the folder fsync that ends a commit instead of the rename that starts it.</summary>
    public bool GateFolderFsync { get; init; }

    /// <summary>Later commits block until <see cref="OpenCommits"/> or until the returned hold is disposed (declare it after the service, so a failing test still lets the service stop).</summary>
    public IDisposable HoldCommits()
    {
        _gate.Reset();
        return new Hold(this);
    }

    /// <summary>Lets every held and later commit through.</summary>
    public void OpenCommits() => _gate.Set();

    /// <summary>Blocks until a commit has started (and is held, if held); false after <paramref name="timeout"/>.</summary>
    public bool WaitForCommit(TimeSpan timeout) => _entered.Wait(timeout);

    public void CreateFolder(string path) => _inner.CreateFolder(path);

    public IReadOnlyList<DurableFileInfo> List(string folder) => _inner.List(folder);

    public DurableFile Create(string path) => _inner.Create(path);

    public void Write(DurableFile file, ReadOnlySpan<byte> data) => _inner.Write(file, data);

    public void Fsync(DurableFile file) => _inner.Fsync(file);

    public void Close(DurableFile file) => _inner.Close(file);

    public void Rename(string source, string destination)
    {
        if (!GateFolderFsync) PassGate();
        _inner.Rename(source, destination);
    }

    public void FsyncFolder(string folder)
    {
        if (GateFolderFsync) PassGate();
        _inner.FsyncFolder(folder);
    }

    public void Delete(string path) => _inner.Delete(path);

    public IReadableFile OpenRead(string path) => _inner.OpenRead(path);

    public long? FreeBytes(string folder) => _inner.FreeBytes(folder);

    public IDisposable? TryLock(string path, string holder, out string currentHolder) => _inner.TryLock(path, holder, out currentHolder);

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
        _entered.Dispose();
    }

    private void PassGate()
    {
        _entered.Release();
        if (!_gate.Wait(TimeSpan.FromSeconds(60))) throw new IOException("commit gate was never opened (test bug)");
    }

    private sealed class Hold(GatedFileSystem files) : IDisposable
    {
        public void Dispose() => files.OpenCommits();
    }
}
