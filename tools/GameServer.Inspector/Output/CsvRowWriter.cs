using System.Buffers.Binary;
using GameServer.Inspector.Reading;
using GameServer.World.Schema;

namespace GameServer.Inspector.Output;

/// <summary>
/// RFC 4180 CSV: a header line, then one line per entity. Vectors are split into one field per component
/// (<c>velocity.x</c>, ...) so spreadsheets and CSV readers see numbers; bytes are base64.
/// </summary>
internal sealed class CsvRowWriter(TextWriter output) : IRowWriter
{
    public void Begin(IReadOnlyList<ColumnCursor> columns)
    {
        var names = columns.SelectMany(c => Scalars.Components(c.Type) > 1
            ? Enumerable.Range(0, Scalars.Components(c.Type)).Select(i => $"{c.Name}.{Scalars.ComponentName(i)}")
            : [c.Name]);
        output.WriteLine(string.Join(",", names.Select(Quote)));
    }

    public void WriteBatch(IReadOnlyList<ColumnCursor> columns, int firstRow, int count)
    {
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) output.Write(',');
                Field(columns[c].Type, columns[c][i]);
            }

            output.WriteLine();
        }
    }

    public void End()
    {
    }

    public void Dispose()
    {
    }

    private void Field(ColumnType type, ReadOnlySpan<byte> element)
    {
        var components = Scalars.Components(type);
        if (components <= 1)
        {
            output.Write(Quote(ValueText.Format(type, element)));
            return;
        }

        for (var i = 0; i < components; i++)
        {
            if (i > 0) output.Write(',');
            output.Write(ValueText.Number(BinaryPrimitives.ReadSingleLittleEndian(element[(i * 4)..])));
        }
    }

    /// <summary>Quotes a field only when it must be: it holds a comma, quote, or line break (or edge spaces).</summary>
    public static string Quote(string field)
    {
        var needs = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '));
        return needs ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
