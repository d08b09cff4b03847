using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using GameServer.World.Schema;

namespace GameServer.Inspector.Reading;

/// <summary>Elements as text: invariant culture, floats in their shortest round-trip form.</summary>
internal static class ValueText
{
    private const int TableWidth = 40;

    /// <summary>The full value: vectors as "(x, y, z)", struct as hex, bytes as base64.</summary>
    public static string Format(ColumnType type, ReadOnlySpan<byte> e) => type switch
    {
        ColumnType.Bool => e[0] != 0 ? "true" : "false",
        ColumnType.Float32 => Number(BinaryPrimitives.ReadSingleLittleEndian(e)),
        ColumnType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(e).ToString(CultureInfo.InvariantCulture),
        ColumnType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(e).ToString(CultureInfo.InvariantCulture),
        ColumnType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(e).ToString(CultureInfo.InvariantCulture),
        ColumnType.Vector2 or ColumnType.Vector3 or ColumnType.Vector4 => Vector(type, e),
        ColumnType.Struct => "0x" + Convert.ToHexStringLower(e),
        ColumnType.Utf8 => Encoding.UTF8.GetString(e),
        ColumnType.Bytes => Convert.ToBase64String(e),
        _ => ((long)Scalars.Get(type, e)).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>For a table cell: bytes as hex, control characters escaped, long values cut with an ellipsis.</summary>
    public static string ForTable(ColumnType type, ReadOnlySpan<byte> e)
    {
        var text = type switch
        {
            ColumnType.Bytes => e.IsEmpty ? "" : "0x" + Convert.ToHexStringLower(e),
            ColumnType.Utf8 => Escape(Encoding.UTF8.GetString(e)),
            _ => Format(type, e),
        };
        return text.Length <= TableWidth ? text : string.Concat(text.AsSpan(0, TableWidth - 1), "…");
    }

    /// <summary>Whether a table should right-align this type.</summary>
    public static bool IsNumeric(ColumnType type) => Scalars.Components(type) == 1 && type != ColumnType.Bool;

    public static string Number(float value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Vector(ColumnType type, ReadOnlySpan<byte> e)
    {
        var parts = new string[Scalars.Components(type)];
        for (var i = 0; i < parts.Length; i++) parts[i] = Number(BinaryPrimitives.ReadSingleLittleEndian(e[(i * 4)..]));
        return "(" + string.Join(", ", parts) + ")";
    }

    private static string Escape(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : text;
}
