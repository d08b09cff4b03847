namespace GameServer.World.Schema;

/// <summary>The ordered set of columns a world stores. Column 0 is always the entity id.</summary>
public sealed class WorldSchema
{
    /// <summary>The name of the built-in id column.</summary>
    public const string IdColumnName = "id";

    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a schema from definitions; the first must be the Int64 id column.</summary>
    public WorldSchema(IReadOnlyList<ColumnDefinition> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0 || columns[0].Name != IdColumnName || columns[0].Type != ColumnType.Int64)
            throw new ArgumentException($"Column 0 must be '{IdColumnName}' of type Int64.", nameof(columns));

        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (!_indexByName.TryAdd(columns[i].Name, i))
                throw new ArgumentException($"Duplicate column name '{columns[i].Name}'.", nameof(columns));
        }

        Columns = columns.ToArray();
    }

    /// <summary>Columns in storage order; index 0 is the id column.</summary>
    public IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>Index of the named column, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The named column's definition, or null.</summary>
    public ColumnDefinition? Find(string name) => _indexByName.TryGetValue(name, out var i) ? Columns[i] : null;

    /// <summary>Sum of fixed element sizes: bytes per entity excluding variable-length data.</summary>
    public int FixedBytesPerEntity
    {
        get
        {
            var sum = 0;
            foreach (var c in Columns) sum += c.IsVariableLength ? sizeof(int) : c.ElementSize;
            return sum;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Columns);
}
