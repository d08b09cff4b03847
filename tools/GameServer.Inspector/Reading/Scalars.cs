using System.Buffers.Binary;
using GameServer.World.Schema;

namespace GameServer.Inspector.Reading;

/// <summary>Numeric views of elements: the components of a number or vector column as doubles.</summary>
internal static class Scalars
{
    /// <summary>1 for numbers and bools, 2 to 4 for vectors, 0 for struct and variable-length columns.</summary>
    public static int Components(ColumnType type) => type switch
    {
        ColumnType.Vector2 => 2,
        ColumnType.Vector3 => 3,
        ColumnType.Vector4 => 4,
        ColumnType.Struct or ColumnType.Utf8 or ColumnType.Bytes => 0,
        _ => 1,
    };

    /// <summary>Component names used for vector parts: x, y, z, w.</summary>
    public static string ComponentName(int component) => "xyzw"[component].ToString();

    /// <summary>Component <paramref name="component"/> of <paramref name="element"/> as a double.</summary>
    public static double Get(ColumnType type, ReadOnlySpan<byte> element, int component = 0) => type switch
    {
        ColumnType.Int8 => (sbyte)element[0],
        ColumnType.UInt8 => element[0],
        ColumnType.Bool => element[0] != 0 ? 1 : 0,
        ColumnType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(element),
        ColumnType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(element),
        ColumnType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(element),
        ColumnType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(element),
        ColumnType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(element),
        ColumnType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(element),
        ColumnType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(element),
        ColumnType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(element),
        ColumnType.Vector2 or ColumnType.Vector3 or ColumnType.Vector4 => BinaryPrimitives.ReadSingleLittleEndian(element[(component * 4)..]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a numeric column"),
    };
}
