using GameServer.Persistence.Storage.Local;

namespace GameServer.Tests.Support;

/// <summary>
/// The real file system, failing the N-th call after <see cref="Arm"/> with an <see cref="InjectedFault"/>:
/// once, or that call and every later one until <see cref="Clear"/> (a disk that stays broken). Every call
/// counts, reads of an open file included; a failed free-space query reports "unknown", as the real one does.
/// </summary>
internal sealed class FaultInjectingFileSystem(IDurableFileSystem? inner = null) : IDurableFileSystem
{
    private static long s_totalInjected;
    private readonly IDurableFileSystem _inner = inner ?? PosixFileSystem.Instance;
    private readonly object _gate = new();
    private readonly List<string> _calls = [];
    private int? _failAt;
    private bool _persistent;
    private InjectedFault _fault;

    /// <summary>Faults injected by every instance in this test run (for the reliability note).</summary>
    public static long TotalInjected => Interlocked.Read(ref s_totalInjected);

    /// <summary>Faults this instance injected.</summary>
    public int Injected { get; private set; }

    /// <summary>The calls since the last <see cref="Arm"/> or <see cref="Count"/>, e.g. "Write .auto-x.tmp".</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate) return [.. _calls];
        }
    }

    /// <summary>Starts counting calls from zero without failing any (to measure a path).</summary>
    public void Count()
    {
        lock (_gate)
        {
            _calls.Clear();
            _failAt = null;
        }
    }

    /// <summary>Fails call <paramref name="callIndex"/> (0-based, counted from now) and, when <paramref name="persistent"/>, every later one.</summary>
    public void Arm(int callIndex, InjectedFault fault, bool persistent)
    {
        lock (_gate)
        {
            _calls.Clear();
            _failAt = callIndex;
            _fault = fault;
            _persistent = persistent;
        }
    }

    /// <summary>The fault clears: later calls go through.</summary>
    public void Clear()
    {
        lock (_gate) _failAt = null;
    }

    public void CreateFolder(string path)
    {
        Step("CreateFolder", path);
        _inner.CreateFolder(path);
    }

    public IReadOnlyList<DurableFileInfo> List(string folder)
    {
        Step("List", folder);
        return _inner.List(folder);
    }

    public DurableFile Create(string path)
    {
        Step("Create", path);
        return _inner.Create(path);
    }

    public void Write(DurableFile file, ReadOnlySpan<byte> data)
    {
        Step("Write", file.Path);
        _inner.Write(file, data);
    }

    public void Fsync(DurableFile file)
    {
        Step("Fsync", file.Path);
        _inner.Fsync(file);
    }

    public void Close(DurableFile file)
    {
        // A close that fails still releases the descriptor (POSIX close), so the inner close always runs.
        var failure = Failure("Close", file.Path);
        _inner.Close(file);
        if (failure is not null) throw failure;
    }

    public void Rename(string source, string destination)
    {
        Step("Rename", source);
        _inner.Rename(source, destination);
    }

    public void FsyncFolder(string folder)
    {
        Step("FsyncFolder", folder);
        _inner.FsyncFolder(folder);
    }

    public void Delete(string path)
    {
        Step("Delete", path);
        _inner.Delete(path);
    }

    public IReadableFile OpenRead(string path)
    {
        Step("OpenRead", path);
        return new FaultyReadableFile(this, path, _inner.OpenRead(path));
    }

    public long? FreeBytes(string folder) => Failure("FreeBytes", folder) is null ? _inner.FreeBytes(folder) : null;

    public long? VolumeBytes(string folder) => Failure("VolumeBytes", folder) is null ? _inner.VolumeBytes(folder) : null;

    public IDisposable? TryLock(string path, string holder, out string currentHolder)
    {
        Step("TryLock", path);
        return _inner.TryLock(path, holder, out currentHolder);
    }

    private void Step(string call, string path)
    {
        if (Failure(call, path) is { } failure) throw failure;
    }

    /// <summary>Counts the call; the exception to throw when it is one to fail, else null.</summary>
    private Exception? Failure(string call, string path)
    {
        lock (_gate)
        {
            var index = _calls.Count;
            _calls.Add(call + " " + Path.GetFileName(path));
            if (_failAt is not { } at || index < at || (index > at && !_persistent)) return null;
            Injected++;
            Interlocked.Increment(ref s_totalInjected);
            var where = $"{call} {Path.GetFileName(path)}, call {index}";
            return _fault switch
            {
                InjectedFault.NoSpace => new IOException($"No space left on device (injected on {where})", 28),
                InjectedFault.IoError => new IOException($"Input/output error (injected on {where})", 5),
                InjectedFault.FileTooLarge => new IOException($"File too large (injected on {where})", 27),
                _ => new UnauthorizedAccessException($"Access to the path '{path}' is denied (injected EACCES on {where})"),
            };
        }
    }

    private sealed class FaultyReadableFile(FaultInjectingFileSystem files, string path, IReadableFile inner) : IReadableFile
    {
        public long Length => inner.Length;

        public int Read(long offset, Span<byte> destination)
        {
            files.Step("Read", path);
            return inner.Read(offset, destination);
        }

        public void Dispose() => inner.Dispose();
    }
}
