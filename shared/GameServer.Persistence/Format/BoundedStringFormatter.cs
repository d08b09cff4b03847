using System.Runtime.InteropServices;
using System.Text;
using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>
/// Reads and writes a header string in MemoryPack's own wire format, checking every length against the bytes left
/// before it touches them.
/// </summary>
/// <remarks>
/// MemoryPack's reader (1.21) takes a UTF-8 string's length as the complement of a stored int and adds 4 to it; a
/// stored value near <see cref="int.MinValue"/> overflows that sum, passes its bounds check, and the read runs far past
/// the buffer: an access violation that kills the process, which no handler catches. A crafted header (with its
/// checksum recomputed) did exactly that under the fuzzer. Writing is MemoryPack's own, so files are unchanged.
/// </remarks>
public sealed class BoundedStringFormatter : MemoryPackFormatter<string>
{
    /// <summary>The one instance.</summary>
    public static readonly BoundedStringFormatter Default = new();

    /// <inheritdoc />
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref string? value) => writer.WriteString(value);

    /// <inheritdoc />
    public override void Deserialize(ref MemoryPackReader reader, scoped ref string? value)
    {
        if (!reader.DangerousTryReadCollectionHeader(out var length))
        {
            value = null;
            return;
        }

        if (length == 0)
        {
            value = "";
        }
        else if (length > 0)
        {
            // UTF-16: length chars.
            if (length > reader.Remaining / sizeof(char)) throw Truncated(length);
            var bytes = length * sizeof(char);
            value = new string(MemoryMarshal.Cast<byte, char>(MemoryMarshal.CreateReadOnlySpan(ref reader.GetSpanReference(bytes), bytes)));
            reader.Advance(bytes);
        }
        else
        {
            // UTF-8: ~length bytes, after an int holding the UTF-16 length (a hint only).
            var utf8Length = ~length;
            if (utf8Length > reader.Remaining - sizeof(int)) throw Truncated(utf8Length);
            var bytes = utf8Length + sizeof(int);
            var span = MemoryMarshal.CreateReadOnlySpan(ref reader.GetSpanReference(bytes), bytes);
            value = Encoding.UTF8.GetString(span[sizeof(int)..]);
            reader.Advance(bytes);
        }
    }

    private static MemoryPackSerializationException Truncated(int length) =>
        new($"a string of {length} units does not fit the header's remaining bytes");
}

/// <summary>Marks a header string to be read by <see cref="BoundedStringFormatter"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BoundedStringAttribute : MemoryPackCustomFormatterAttribute<BoundedStringFormatter, string>
{
    /// <inheritdoc />
    public override BoundedStringFormatter GetFormatter() => BoundedStringFormatter.Default;
}
