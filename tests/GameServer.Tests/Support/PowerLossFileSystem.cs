using GameServer.Persistence.Storage;
using GameServer.Persistence.Storage.Local;

namespace GameServer.Tests.Support;

/// <summary>
/// An in-memory disk behind the durable-file-system seam that models what POSIX promises across a power
/// loss, and loses power on command after any step.
/// </summary>
/// <remarks>
/// File data is durable once the file is fsynced; a create, rename or delete once its folder is fsynced.
/// Every mutating call (create folder, create, write, fsync, close, rename, fsync folder, delete) is one
/// step; <see cref="CrashAfter"/> arms a power loss right after the n-th next step: that step completes,
/// then it and every later call throw <see cref="PowerLossException"/> and change nothing.
/// <see cref="Recover"/> returns the disk as the next boot finds it. Folders are durable once created
/// (the world folder exists before any save). Not thread-safe: one autosave thread drives it.
/// </remarks>
internal sealed class PowerLossFileSystem : IDurableFileSystem
{
    private static readonly DateTime Written = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Inode> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Inode> _durableEntries = new(StringComparer.Ordinal);
    private readonly List<EntryChange> _pendingChanges = [];
    private int? _stepsUntilCrash;
    private bool _crashed;

    /// <summary>Mutating calls made so far, as "Step file-name", e.g. <c>Rename .x.tmp -> x.gsav</c>.</summary>
    public List<string> Steps { get; } = [];

    /// <summary>Whether the power went out.</summary>
    public bool Crashed => _crashed;

    /// <summary>Loses power right after the <paramref name="steps"/>-th next mutating call (0: before the next one).</summary>
    public void CrashAfter(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        _stepsUntilCrash = steps;
        if (steps == 0) _crashed = true;
    }

    /// <summary>The disk as the next boot finds it: what was durable, plus (<see cref="PowerLossMode.Garble"/>) a random share of the rest.</summary>
    public PowerLossFileSystem Recover(PowerLossMode mode, int seed)
    {
        var random = new Random(seed);
        var entries = new Dictionary<string, Inode>(_durableEntries, StringComparer.Ordinal);
        if (mode == PowerLossMode.Garble)
        {
            foreach (var change in _pendingChanges)
            {
                if (random.Next(2) == 0) continue;
                if (change.From is { } from) entries.Remove(from);
                if (change.To is { } to) entries[to] = change.Inode;
            }
        }

        var next = new PowerLossFileSystem();
        next._folders.UnionWith(_folders);
        var survivors = new Dictionary<Inode, Inode>();
        foreach (var (name, inode) in entries)
        {
            if (!survivors.TryGetValue(inode, out var survivor))
            {
                survivor = inode.AfterPowerLoss(mode, random);
                survivors[inode] = survivor;
            }

            next._entries[name] = survivor;
            next._durableEntries[name] = survivor;
        }

        return next;
    }

    /// <summary>The bytes of a file as it is now (for tests that damage or inspect it).</summary>
    public byte[] ReadAll(string path) => [.. Find(path).Data];

    public void CreateFolder(string path) => Step($"CreateFolder {Path.GetFileName(path)}", () => _folders.Add(path));

    public IReadOnlyList<DurableFileInfo> List(string folder)
    {
        ThrowIfCrashed();
        return _entries
            .Where(e => Path.GetDirectoryName(e.Key) == folder)
            .Select(e => new DurableFileInfo(Path.GetFileName(e.Key), e.Value.Data.Count, Written))
            .ToList();
    }

    public DurableFile Create(string path)
    {
        DurableFile? file = null;
        Step($"Create {Path.GetFileName(path)}", () =>
        {
            if (!_folders.Contains(Path.GetDirectoryName(path)!)) throw new DirectoryNotFoundException($"no folder for {path}");
            if (_entries.ContainsKey(path)) throw new IOException($"{path} exists");
            var inode = new Inode();
            _entries[path] = inode;
            _pendingChanges.Add(new EntryChange(null, path, inode));
            file = new OpenFile(path, inode);
        });
        return file!;
    }

    public void Write(DurableFile file, ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        Step($"Write {Path.GetFileName(file.Path)}", () => ((OpenFile)file).Inode.Data.AddRange(bytes));
    }

    public void Fsync(DurableFile file) => Step($"Fsync {Path.GetFileName(file.Path)}", () => ((OpenFile)file).Inode.MakeDurable());

    public void Close(DurableFile file) => Step($"Close {Path.GetFileName(file.Path)}", () => { });

    public void Rename(string source, string destination) => Step($"Rename {Path.GetFileName(source)} -> {Path.GetFileName(destination)}", () =>
    {
        if (_entries.ContainsKey(destination)) throw new SaveAlreadyExistsException(destination);
        var inode = Find(source);
        _entries.Remove(source);
        _entries[destination] = inode;
        _pendingChanges.Add(new EntryChange(source, destination, inode));
    });

    public void FsyncFolder(string folder) => Step($"FsyncFolder {Path.GetFileName(folder)}", () =>
    {
        _durableEntries.Clear();
        foreach (var (name, inode) in _entries) _durableEntries[name] = inode;
        _pendingChanges.Clear();
    });

    public void Delete(string path) => Step($"Delete {Path.GetFileName(path)}", () =>
    {
        if (_entries.Remove(path, out var inode)) _pendingChanges.Add(new EntryChange(path, null, inode));
    });

    public IReadableFile OpenRead(string path)
    {
        ThrowIfCrashed();
        return new ReadableFile([.. Find(path).Data]);
    }

    public long? FreeBytes(string folder)
    {
        ThrowIfCrashed();
        return 1L << 40;
    }

    public IDisposable? TryLock(string path, string holder, out string currentHolder)
    {
        ThrowIfCrashed();
        currentHolder = "";
        return new NoLock();
    }

    private Inode Find(string path) => _entries.TryGetValue(path, out var inode) ? inode : throw new FileNotFoundException($"{path} not found", path);

    private void Step(string step, Action change)
    {
        ThrowIfCrashed();
        Steps.Add(step);
        change();
        if (_stepsUntilCrash is { } left)
        {
            _stepsUntilCrash = left - 1;
            if (left == 1) _crashed = true;
        }
    }

    private void ThrowIfCrashed()
    {
        if (_crashed) throw new PowerLossException();
    }

    private sealed class Inode
    {
        private byte[] _durable = [];

        public List<byte> Data { get; private init; } = [];

        public void MakeDurable() => _durable = [.. Data];

        public Inode AfterPowerLoss(PowerLossMode mode, Random random)
        {
            var survivor = new Inode { Data = [.. _durable] };
            survivor.MakeDurable();
            var unsynced = Data.Count - _durable.Length;
            if (mode == PowerLossMode.Garble && unsynced > 0)
            {
                var garbage = new byte[random.Next(unsynced + 1)];
                random.NextBytes(garbage);
                survivor.Data.AddRange(garbage);
                survivor.MakeDurable();
            }

            return survivor;
        }
    }

    private sealed record EntryChange(string? From, string? To, Inode Inode);

    private sealed class OpenFile(string path, Inode inode) : DurableFile(path)
    {
        public Inode Inode { get; } = inode;
    }

    private sealed class ReadableFile(byte[] bytes) : IReadableFile
    {
        public long Length => bytes.Length;

        public int Read(long offset, Span<byte> destination)
        {
            if (offset >= bytes.Length) return 0;
            var count = (int)Math.Min(destination.Length, bytes.Length - offset);
            bytes.AsSpan((int)offset, count).CopyTo(destination);
            return count;
        }

        public void Dispose()
        {
        }
    }

    private sealed class NoLock : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
