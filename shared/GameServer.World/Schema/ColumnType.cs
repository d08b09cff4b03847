namespace GameServer.World.Schema;

/// <summary>The element type of a column, as recorded in snapshots and save files.</summary>
/// <remarks>
/// Numbers are part of the save format: never renumber or reuse one. <see cref="Struct"/> covers any
/// other unmanaged struct (stored as opaque bytes of its size); <see cref="Utf8"/> and <see cref="Bytes"/>
/// are the variable-length kinds.
/// </remarks>
public enum ColumnType : byte
{
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 5,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 8,
    /// <summary>IEEE 754 single.</summary>
    Float32 = 9,
    /// <summary>IEEE 754 double.</summary>
    Float64 = 10,
    /// <summary>One byte, 0 or 1.</summary>
    Bool = 11,
    /// <summary><see cref="System.Numerics.Vector2"/>: two singles.</summary>
    Vector2 = 12,
    /// <summary><see cref="System.Numerics.Vector3"/>: three singles.</summary>
    Vector3 = 13,
    /// <summary><see cref="System.Numerics.Vector4"/>: four singles.</summary>
    Vector4 = 14,
    /// <summary>Any other unmanaged struct, stored as opaque bytes.</summary>
    Struct = 15,
    /// <summary>Variable-length UTF-8 text per entity (offsets + data).</summary>
    Utf8 = 32,
    /// <summary>Variable-length opaque bytes per entity (offsets + data).</summary>
    Bytes = 33,
}
