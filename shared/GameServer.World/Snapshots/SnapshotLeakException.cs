namespace GameServer.World.Snapshots;

/// <summary>Thrown by <see cref="SnapshotPool.AssertNoLeaks"/> when snapshots were rented and never returned.</summary>
public sealed class SnapshotLeakException : Exception
{
    /// <summary>Creates the exception from the call stacks of the leaked rents.</summary>
    public SnapshotLeakException(IReadOnlyList<string> rentSites)
        : base($"{rentSites.Count} snapshot(s) were never returned to the pool. Rented at:{Environment.NewLine}{string.Join(Environment.NewLine + "---" + Environment.NewLine, rentSites)}")
    {
        RentSites = rentSites;
    }

    /// <summary>Call stacks of the rents that leaked.</summary>
    public IReadOnlyList<string> RentSites { get; }
}
