namespace GameServer.Server.Network.Players;

/// <summary>
/// Which entity each player name owns, read from the world (names are compared ignoring case, so "Bob"
/// and "bob" are one player).
/// </summary>
/// <remarks>
/// Tick thread only. The world is the truth: a lookup whose entity is gone or renamed (after a rollback,
/// say) rebuilds the index by scanning the players' rows, so the directory is never saved on its own.
/// </remarks>
public sealed class PlayerDirectory
{
    private readonly PlayerColumns _columns;
    private readonly Dictionary<string, long> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An index over <paramref name="columns"/>' world, built now.</summary>
    public PlayerDirectory(PlayerColumns columns)
    {
        _columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Rebuild();
    }

    /// <summary>Players known (online or not).</summary>
    public int Count => _byName.Count;

    /// <summary>The entity of player <paramref name="name"/>, if the name has played in this world.</summary>
    public bool TryFind(string name, out long entityId)
    {
        if (_byName.TryGetValue(name, out entityId) && Owns(entityId, name)) return true;
        Rebuild();
        return _byName.TryGetValue(name, out entityId);
    }

    /// <summary>Records a new player's entity.</summary>
    public void Add(string name, long entityId) => _byName[name] = entityId;

    /// <summary>Re-reads every player row of the world.</summary>
    public void Rebuild()
    {
        _byName.Clear();
        var world = _columns.World;
        for (var row = 0; row < world.Count; row++)
        {
            if (_columns.IsPlayer(row)) _byName[_columns.Name.GetString(row)] = world.Ids[row];
        }
    }

    private bool Owns(long entityId, string name) =>
        _columns.World.TryGetRow(entityId, out var row) && _columns.IsPlayer(row) && string.Equals(_columns.Name.GetString(row), name, StringComparison.OrdinalIgnoreCase);
}
