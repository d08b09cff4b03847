using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GameServer.World.Schema;

namespace GameServer.Inspector.Reading;

/// <summary>Elements as JSON values: numbers, booleans, vectors as arrays, struct as hex, bytes as base64.</summary>
internal static class ValueJson
{
    public static void Write(Utf8JsonWriter writer, ColumnType type, ReadOnlySpan<byte> e)
    {
        switch (type)
        {
            case ColumnType.Bool:
                writer.WriteBooleanValue(e[0] != 0);
                break;
            case ColumnType.Float32:
                Number(writer, BinaryPrimitives.ReadSingleLittleEndian(e));
                break;
            case ColumnType.Float64:
                Number(writer, BinaryPrimitives.ReadDoubleLittleEndian(e));
                break;
            case ColumnType.Int64:
                writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(e));
                break;
            case ColumnType.UInt64:
                writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(e));
                break;
            case ColumnType.Vector2 or ColumnType.Vector3 or ColumnType.Vector4:
                writer.WriteStartArray();
                for (var i = 0; i < Scalars.Components(type); i++) Number(writer, BinaryPrimitives.ReadSingleLittleEndian(e[(i * 4)..]));
                writer.WriteEndArray();
                break;
            case ColumnType.Struct:
                writer.WriteStringValue("0x" + Convert.ToHexStringLower(e));
                break;
            case ColumnType.Utf8:
                // Decoding first replaces invalid sequences instead of failing the whole export.
                writer.WriteStringValue(Encoding.UTF8.GetString(e));
                break;
            case ColumnType.Bytes:
                writer.WriteBase64StringValue(e);
                break;
            default:
                writer.WriteNumberValue((long)Scalars.Get(type, e));
                break;
        }
    }

    /// <summary>JSON has no NaN or infinity: those become strings ("NaN", "Infinity", "-Infinity").</summary>
    public static void Number(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(ValueText.Number(value));
    }

    /// <inheritdoc cref="Number(Utf8JsonWriter, float)"/>
    public static void Number(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(ValueText.Number(value));
    }
}
