namespace GameServer.Tests.Support;

/// <summary>
/// Measures whether a piece of work allocates nothing on this thread in steady state: windows of work are
/// measured until <c>required</c> windows in a row allocate 0 B, or <c>maxWindows</c> have run.
/// </summary>
/// <remarks>
/// A late tier-up on a loaded machine may allocate once in one window; a per-call allocation fails every
/// window, so the measurement can still fail.
/// </remarks>
internal sealed class SteadyStateAllocation
{
    private readonly List<long> _windows = [];

    private SteadyStateAllocation()
    {
    }

    /// <summary>Consecutive windows at 0 B when measuring stopped.</summary>
    public int ZeroInARow { get; private set; }

    /// <summary>Bytes allocated in each window, for the failure message.</summary>
    public string Describe() => string.Join(", ", _windows);

    /// <summary>Runs <paramref name="window"/> until <paramref name="required"/> windows in a row allocate nothing; <paramref name="between"/> runs unmeasured after each.</summary>
    public static SteadyStateAllocation Measure(Action window, int required, int maxWindows, Action? between = null)
    {
        var result = new SteadyStateAllocation();
        while (result.ZeroInARow < required && result._windows.Count < maxWindows)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            window();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            result._windows.Add(allocated);
            result.ZeroInARow = allocated == 0 ? result.ZeroInARow + 1 : 0;
            between?.Invoke();
        }

        return result;
    }
}
