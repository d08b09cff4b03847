using System.Buffers;
using System.Text;
using System.Text.Json;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Reading;
using GameServer.World.Schema;

namespace GameServer.Inspector.Output;

/// <summary>
/// JSON export: either one document (save facts, the columns, then a "rows" array) or NDJSON (one object
/// per line). Flushed after every batch, so output never accumulates in memory.
/// </summary>
internal sealed class JsonRowWriter(TextWriter output, SaveFile file, bool lines) : IRowWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private Utf8JsonWriter? _writer;

    public void Begin(IReadOnlyList<ColumnCursor> columns)
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JsonOutput.Options.Encoder, Indented = false });
        if (lines) return;
        var h = file.Header;
        _writer.WriteStartObject();
        _writer.WriteString("file", file.Location);
        _writer.WriteString("world", h.WorldName);
        _writer.WriteNumber("tick", h.Tick);
        _writer.WriteTime("capturedAtUtc", h.CapturedAtUtc);
        _writer.WriteNumber("entities", h.EntityCount);
        _writer.WriteStartArray("columns");
        foreach (var c in columns)
        {
            _writer.WriteStartObject();
            _writer.WriteString("name", c.Name);
            _writer.WriteString("type", ColumnTypes.DisplayName(c.Type));
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
        _writer.WriteStartArray("rows");
    }

    public void WriteBatch(IReadOnlyList<ColumnCursor> columns, int firstRow, int count)
    {
        var writer = _writer!;
        for (var i = 0; i < count; i++)
        {
            writer.WriteStartObject();
            foreach (var c in columns)
            {
                writer.WritePropertyName(c.Name);
                ValueJson.Write(writer, c.Type, c[i]);
            }

            writer.WriteEndObject();
            if (lines)
            {
                // NDJSON: each line is its own document, so the writer starts afresh after each.
                writer.Flush();
                _buffer.Write("\n"u8);
                writer.Reset(_buffer);
            }
        }

        Drain();
    }

    public void End()
    {
        if (!lines)
        {
            _writer!.WriteEndArray();
            _writer.WriteEndObject();
            Drain();
            output.WriteLine();
        }
    }

    public void Dispose() => _writer?.Dispose();

    private void Drain()
    {
        _writer!.Flush();
        output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }
}
