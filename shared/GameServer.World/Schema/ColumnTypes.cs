using System.Numerics;
using System.Runtime.CompilerServices;

namespace GameServer.World.Schema;

/// <summary>Maps CLR element types to <see cref="ColumnType"/> and describes each type.</summary>
public static class ColumnTypes
{
    /// <summary>The column type that stores elements of <typeparamref name="T"/>.</summary>
    public static ColumnType Of<T>()
        where T : unmanaged
    {
        var t = typeof(T);
        if (t == typeof(sbyte)) return ColumnType.Int8;
        if (t == typeof(byte)) return ColumnType.UInt8;
        if (t == typeof(short)) return ColumnType.Int16;
        if (t == typeof(ushort)) return ColumnType.UInt16;
        if (t == typeof(int)) return ColumnType.Int32;
        if (t == typeof(uint)) return ColumnType.UInt32;
        if (t == typeof(long)) return ColumnType.Int64;
        if (t == typeof(ulong)) return ColumnType.UInt64;
        if (t == typeof(float)) return ColumnType.Float32;
        if (t == typeof(double)) return ColumnType.Float64;
        if (t == typeof(bool)) return ColumnType.Bool;
        if (t == typeof(Vector2)) return ColumnType.Vector2;
        if (t == typeof(Vector3)) return ColumnType.Vector3;
        if (t == typeof(Vector4)) return ColumnType.Vector4;
        return ColumnType.Struct;
    }

    /// <summary>Whether the type stores a variable number of bytes per entity.</summary>
    public static bool IsVariableLength(ColumnType type) => type is ColumnType.Utf8 or ColumnType.Bytes;

    /// <summary>The fixed element size in bytes, or 0 for variable-length and <see cref="ColumnType.Struct"/>.</summary>
    public static int FixedSize(ColumnType type) => type switch
    {
        ColumnType.Int8 or ColumnType.UInt8 or ColumnType.Bool => 1,
        ColumnType.Int16 or ColumnType.UInt16 => 2,
        ColumnType.Int32 or ColumnType.UInt32 or ColumnType.Float32 => 4,
        ColumnType.Int64 or ColumnType.UInt64 or ColumnType.Float64 or ColumnType.Vector2 => 8,
        ColumnType.Vector3 => 12,
        ColumnType.Vector4 => 16,
        _ => 0,
    };

    /// <summary>
    /// Size of the scalar that makes up the element (4 for a <see cref="Vector3"/>), used by byte-shuffle
    /// filters: shuffling by the scalar groups like bytes of x, y and z together.
    /// </summary>
    public static int ScalarSize(ColumnType type, int elementSize) => type switch
    {
        ColumnType.Vector2 or ColumnType.Vector3 or ColumnType.Vector4 => 4,
        ColumnType.Struct => elementSize % 4 == 0 ? 4 : 1,
        ColumnType.Utf8 or ColumnType.Bytes => 1,
        _ => elementSize,
    };

    /// <summary>Short lower-case name used in tools and docs (f32, i32, vec3, utf8, ...).</summary>
    public static string DisplayName(ColumnType type) => type switch
    {
        ColumnType.Int8 => "i8",
        ColumnType.UInt8 => "u8",
        ColumnType.Int16 => "i16",
        ColumnType.UInt16 => "u16",
        ColumnType.Int32 => "i32",
        ColumnType.UInt32 => "u32",
        ColumnType.Int64 => "i64",
        ColumnType.UInt64 => "u64",
        ColumnType.Float32 => "f32",
        ColumnType.Float64 => "f64",
        ColumnType.Bool => "bool",
        ColumnType.Vector2 => "vec2",
        ColumnType.Vector3 => "vec3",
        ColumnType.Vector4 => "vec4",
        ColumnType.Struct => "struct",
        ColumnType.Utf8 => "utf8",
        ColumnType.Bytes => "bytes",
        _ => "unknown",
    };

    internal static int SizeOf<T>()
        where T : unmanaged => Unsafe.SizeOf<T>();
}
