using GameServer.World.Columns;

namespace GameServer.World.Schema;

/// <summary>One named column of a world: its element type, size and default value.</summary>
/// <remarks>Immutable; the same definition is shared by a world, its snapshots and save headers.</remarks>
public sealed class ColumnDefinition
{
    /// <summary>Creates a definition. Prefer <see cref="WorldSchemaBuilder"/>.</summary>
    /// <param name="name">Column name, unique within the schema.</param>
    /// <param name="type">Element type.</param>
    /// <param name="elementSize">Bytes per element; 0 for variable-length types.</param>
    /// <param name="defaultValue">Bytes of the default element (empty means all zeros; ignored for variable-length types).</param>
    public ColumnDefinition(string name, ColumnType type, int elementSize, ReadOnlyMemory<byte> defaultValue = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (ColumnTypes.IsVariableLength(type))
        {
            if (elementSize != 0) throw new ArgumentException("Variable-length columns have element size 0.", nameof(elementSize));
        }
        else
        {
            if (elementSize <= 0) throw new ArgumentOutOfRangeException(nameof(elementSize), "Fixed columns need a positive element size.");
            var fixedSize = ColumnTypes.FixedSize(type);
            if (fixedSize != 0 && fixedSize != elementSize)
                throw new ArgumentException($"Column '{name}': type {type} has size {fixedSize}, not {elementSize}.", nameof(elementSize));
            if (!defaultValue.IsEmpty && defaultValue.Length != elementSize)
                throw new ArgumentException($"Column '{name}': default value has {defaultValue.Length} bytes, expected {elementSize}.", nameof(defaultValue));
        }

        Name = name;
        Type = type;
        ElementSize = elementSize;
        DefaultValue = defaultValue.IsEmpty ? null : defaultValue.ToArray();
    }

    /// <summary>Column name, unique within its schema.</summary>
    public string Name { get; }

    /// <summary>Element type.</summary>
    public ColumnType Type { get; }

    /// <summary>Bytes per element; 0 for variable-length columns.</summary>
    public int ElementSize { get; }

    /// <summary>Whether each entity holds a variable number of bytes (offsets + data layout).</summary>
    public bool IsVariableLength => ColumnTypes.IsVariableLength(Type);

    /// <summary>Bytes of the default element, or null when the default is all zeros.</summary>
    public byte[]? DefaultValue { get; }

    /// <summary>Creates the typed live column; set by <see cref="WorldSchemaBuilder.Add{T}"/> (null when read from a save).</summary>
    internal Func<GameWorld, ColumnDefinition, int, Column>? Factory { get; init; }

    /// <summary>Whether <paramref name="other"/> stores the same element type and size.</summary>
    public bool HasSameStorage(ColumnDefinition other) => Type == other.Type && ElementSize == other.ElementSize;

    /// <inheritdoc />
    public override string ToString() => $"{Name}:{ColumnTypes.DisplayName(Type)}" + (Type == ColumnType.Struct ? $"[{ElementSize}]" : "");
}
