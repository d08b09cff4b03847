using System.Runtime.InteropServices;
using GameServer.World.Columns;

namespace GameServer.World.Schema;

/// <summary>Builds a <see cref="WorldSchema"/>: a game names its columns and their element types.</summary>
/// <example>
/// <code>
/// var schema = new WorldSchemaBuilder().Add&lt;float&gt;("x").Add&lt;int&gt;("hp", 100).AddUtf8("name").Build();
/// </code>
/// </example>
public sealed class WorldSchemaBuilder
{
    private readonly List<ColumnDefinition> _columns = [new ColumnDefinition(WorldSchema.IdColumnName, ColumnType.Int64, sizeof(long))];

    /// <summary>Adds a fixed-size column of <typeparamref name="T"/> whose default is <paramref name="defaultValue"/>.</summary>
    public WorldSchemaBuilder Add<T>(string name, T defaultValue = default)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in defaultValue));
        var isZero = !bytes.ContainsAnyExcept((byte)0);
        _columns.Add(new ColumnDefinition(name, ColumnTypes.Of<T>(), ColumnTypes.SizeOf<T>(), isZero ? default : bytes.ToArray())
        {
            Factory = static (world, definition, capacity) => new Column<T>(world, definition, capacity),
        });
        return this;
    }

    /// <summary>Adds a variable-length UTF-8 text column (empty by default).</summary>
    public WorldSchemaBuilder AddUtf8(string name)
    {
        _columns.Add(new ColumnDefinition(name, ColumnType.Utf8, 0));
        return this;
    }

    /// <summary>Adds a variable-length opaque bytes column (empty by default).</summary>
    public WorldSchemaBuilder AddBytes(string name)
    {
        _columns.Add(new ColumnDefinition(name, ColumnType.Bytes, 0));
        return this;
    }

    /// <summary>Adds an already built definition (used when a schema is read back from a save).</summary>
    public WorldSchemaBuilder Add(ColumnDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _columns.Add(definition);
        return this;
    }

    /// <summary>Builds the schema; throws on duplicate names.</summary>
    public WorldSchema Build() => new(_columns);
}
