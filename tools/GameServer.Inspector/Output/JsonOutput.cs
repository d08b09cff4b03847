using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GameServer.Inspector.Output;

/// <summary>Writes one JSON document (what <c>--json</c> prints) to a text writer.</summary>
internal static class JsonOutput
{
    /// <summary>Readable output: indented, and non-ASCII text kept as is rather than \u-escaped.</summary>
    public static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options)) write(writer);
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// A timestamp as <see cref="Units.Time"/> text. Named apart from <c>WriteString</c> on purpose: an
    /// extension of that name loses to <see cref="Utf8JsonWriter"/>'s own DateTime overload, which writes
    /// seven fractional digits.
    /// </summary>
    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTime utc) =>
        writer.WriteString(name, Units.Time(utc));
}
