using System.Text.RegularExpressions;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;

namespace GameServer.Tests.Persistence.Corruption;

/// <summary>
/// Loads one damaged input the way the server does at start (load-latest, damaged saves set aside) and checks the
/// promise: only <c>SaveFormatException</c> (caught inside load-latest; anything else escapes and fails), a reason
/// naming the file and a byte offset, fallback to the previous good save, nothing else renamed, and allocation
/// within <see cref="MemoryBound"/> of a legitimate load.
/// </summary>
internal sealed partial class SweepCheck(SweepSaves saves, int target)
{
    /// <summary>Documented bound: a damaged input allocates at most 4x a legitimate load of the same folder, plus 16 MiB.</summary>
    public const long MemoryBoundSlackBytes = 16L << 20;

    private readonly long _legitimate = Measure(() => Load(saves.StoreWith(target, saves.Saves[target].Bytes)).Snapshot?.Dispose());

    public int Tried { get; private set; }

    public int Refused { get; private set; }

    public int SetAside { get; private set; }

    public long MostAllocated { get; private set; }

    public long MemoryBound => (4 * _legitimate) + MemoryBoundSlackBytes;

    private string Name => saves.Saves[target].Name;

    /// <summary>
    /// Checks one input; true when it was refused (false: it loaded as the save itself, a harmless change). Without
    /// <paramref name="fallback"/> only the decode of the input (through its chain) is checked: the fast path for
    /// sweeps of thousands, which check the fallback on a sample.
    /// </summary>
    public bool Check(byte[] input, string description, bool fallback = true)
    {
        Tried++;
        var store = saves.StoreWith(target, input);
        if (!fallback) return CheckDecode(store, description);
        LoadResult? result = null;
        var allocated = Measure(() => result = Load(store));
        MostAllocated = Math.Max(MostAllocated, allocated);
        Assert.That(allocated, Is.LessThanOrEqualTo(MemoryBound), $"{description}: allocated {allocated} bytes");
        using var snapshot = result!.Snapshot;
        if (result.Entry?.FileName == Name) return false;

        Refused++;
        var previous = saves.Saves[target - 1].Name;
        Assert.That(result.Entry?.FileName, Is.EqualTo(previous), $"{description}: falls back to the previous good save");
        var skipped = result.Skipped.Single(s => s.Location.EndsWith("/" + Name, StringComparison.Ordinal));
        Assert.That(skipped.Reason, Does.Contain(Name), $"{description}: the reason names the file");
        Assert.That(AtByte().IsMatch(skipped.Reason) || IsEmptyFile(skipped.Reason), Is.True, $"{description}: the reason names an offset: {skipped.Reason}");
        Assert.That(result.SetAside.Select(s => s.NewName), Is.SubsetOf(new[] { Name + ".corrupt" }), $"{description}: nothing else is renamed");
        SetAside += result.SetAside.Count;
        return true;
    }

    private bool CheckDecode(GameServer.Persistence.Storage.ISaveStore store, string description)
    {
        SaveFormatException? error = null;
        var allocated = Measure(() =>
        {
            try
            {
                SaveLoader.LoadAsync(store, Name).GetAwaiter().GetResult().Dispose();
            }
            catch (SaveFormatException e)
            {
                error = e;
            }
        });
        MostAllocated = Math.Max(MostAllocated, allocated);
        Assert.That(allocated, Is.LessThanOrEqualTo(MemoryBound), $"{description}: allocated {allocated} bytes");
        if (error is null) return false;
        Refused++;
        Assert.That(error.Message, Does.Contain(Name), $"{description}: the error names the file");
        Assert.That(error.Offset is not null || IsEmptyFile(error.Message), Is.True, $"{description}: the error names an offset: {error.Message}");
        return true;
    }

    // The one error without an offset: an empty file has no byte to name (the inspector's tests pin that).
    private static bool IsEmptyFile(string reason) => reason.EndsWith(": file is empty", StringComparison.Ordinal);

    public string Summary() =>
        $"{Name}: {Tried} inputs, {Refused} refused, {SetAside} set aside, most allocated {MostAllocated:N0} bytes (bound {MemoryBound:N0})";

    private static LoadResult Load(GameServer.Persistence.Storage.ISaveStore store) =>
        SaveLoader.LoadLatestAsync(store, setAsideDamaged: true).GetAwaiter().GetResult();

    // An in-memory store completes every task synchronously, so the whole load runs on this thread.
    private static long Measure(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [GeneratedRegex(@"\(at byte \d+\)")]
    private static partial Regex AtByte();
}
