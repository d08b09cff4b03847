using GameServer.Persistence.Storage;

namespace GameServer.Tests.Support;

/// <summary>A local folder whose commit (the rename into place) can be held shut: a save in flight then stops at a known point.</summary>
internal sealed class GatedStorage(string directory) : ISaveStorage, IDisposable
{
    private readonly LocalFolderStorage _inner = new(directory);
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private readonly SemaphoreSlim _entered = new(0);

    public string Location => _inner.Location;

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

    public IReadOnlyList<string> ListFiles() => _inner.ListFiles();

    public string PathOf(string name) => _inner.PathOf(name);

    public Stream CreateTemp(string tempName) => _inner.CreateTemp(tempName);

    public void FlushToDisk(Stream stream) => _inner.FlushToDisk(stream);

    public void Commit(string tempName, string finalName)
    {
        _entered.Release();
        if (!_gate.Wait(TimeSpan.FromSeconds(60))) throw new IOException("commit gate was never opened (test bug)");
        _inner.Commit(tempName, finalName);
    }

    public void Delete(string name) => _inner.Delete(name);

    public long? AvailableFreeBytes() => _inner.AvailableFreeBytes();

    private sealed class Hold(GatedStorage storage) : IDisposable
    {
        public void Dispose() => storage.OpenCommits();
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
        _entered.Dispose();
    }
}
