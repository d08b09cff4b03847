using MemoryPack;

namespace GameServer.Persistence.Format;

/// <summary>
/// Walks serialized header bytes the way MemoryPack's version-tolerant reader will, checking every length and count it
/// would trust against the bytes left, before MemoryPack reads them.
/// </summary>
/// <remarks>
/// MemoryPack (1.21) skips a member it has no property for (a gap in the order numbers, or a member from a newer
/// writer) with <c>reader.Advance(length)</c>, where length is the member's stored length: a negative one moves the
/// reader back before the buffer and grows what it believes is left, and the reads that follow run outside the
/// buffer: an access violation, which kills the process (found by the fuzzer in <c>SavedColumn</c>). Here every member
/// length must be non-negative, fit the bytes left, and equal what the member's value occupies (the writer always
/// records it exactly); list and array counts must fit the bytes left; strings are checked as
/// <see cref="BoundedStringFormatter"/> reads them. The walk uses MemoryPack's own reader for its bounded reads (object
/// headers, member lengths, values), so it decodes exactly as MemoryPack does.
/// </remarks>
internal static class HeaderStructureCheck
{
    /// <summary>Checks <paramref name="bytes"/> as a serialized <paramref name="layout"/> object.</summary>
    /// <exception cref="MalformedHeaderException">The bytes are not a well-formed serialized object of that layout.</exception>
    public static void Check(ReadOnlySpan<byte> bytes, VersionTolerantLayout layout)
    {
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(bytes, state);
        try
        {
            Object(ref reader, layout);
        }
        catch (Exception e) when (e is MemoryPackSerializationException or OverflowException)
        {
            // MemoryPack's own bounded reads: the input ended, or a member length does not fit an int.
            throw new MalformedHeaderException(reader.Consumed, e.Message, e);
        }
        finally
        {
            reader.Dispose();
        }
    }

    private static void Object(ref MemoryPackReader reader, VersionTolerantLayout layout)
    {
        if (!reader.TryReadObjectHeader(out var count)) return;
        Span<int> lengths = stackalloc int[count];
        for (var i = 0; i < count; i++) lengths[i] = reader.ReadVarIntInt32();
        for (var i = 0; i < count; i++)
        {
            var length = lengths[i];
            var start = reader.Consumed;
            var shape = i < layout.Members.Length ? layout.Members[i] : new MemberShape($"#{i}", MemberKind.Skipped);
            if (length < 0 || length > reader.Remaining)
                throw new MalformedHeaderException(start, $"{layout.Type.Name}.{shape.Name} claims {length} bytes, {reader.Remaining} are left");
            if (length == 0) continue; // MemoryPack reads nothing for it (the member keeps its default)
            Member(ref reader, shape);
            if (shape.Kind != MemberKind.Skipped && reader.Consumed - start != length)
                throw new MalformedHeaderException(start, $"{layout.Type.Name}.{shape.Name} occupies {reader.Consumed - start} bytes, its length says {length}");
            if (shape.Kind == MemberKind.Skipped) reader.Advance(length);
        }
    }

    private static void Member(ref MemoryPackReader reader, MemberShape shape)
    {
        switch (shape.Kind)
        {
            case MemberKind.Skipped:
                return;
            case MemberKind.String:
                string? ignored = null;
                BoundedStringFormatter.Default.Deserialize(ref reader, ref ignored);
                return;
            case MemberKind.Unmanaged:
                Skip(ref reader, shape.Size, shape);
                return;
            case MemberKind.UnmanagedArray:
                if (Count(ref reader, shape, shape.Size) is { } elements) Skip(ref reader, elements * (long)shape.Size, shape);
                return;
            case MemberKind.List:
                // Each element takes at least its one-byte object header: the count cannot exceed the bytes left.
                var items = Count(ref reader, shape, 1) ?? 0;
                for (var i = 0; i < items; i++) Object(ref reader, shape.Nested!);
                return;
            case MemberKind.Object:
                Object(ref reader, shape.Nested!);
                return;
            default:
                throw new InvalidOperationException($"member kind {shape.Kind}");
        }
    }

    // A collection's count (null for a null collection): -1 means null, other negatives are malformed.
    private static int? Count(ref MemoryPackReader reader, MemberShape shape, int minimumElementBytes)
    {
        var at = reader.Consumed;
        if (!reader.DangerousTryReadCollectionHeader(out var count)) return null;
        if (count < 0 || (long)count * minimumElementBytes > reader.Remaining)
            throw new MalformedHeaderException(at, $"{shape.Name} claims {count} elements, {reader.Remaining} bytes are left");
        return count;
    }

    private static void Skip(ref MemoryPackReader reader, long bytes, MemberShape shape)
    {
        if (bytes > reader.Remaining)
            throw new MalformedHeaderException(reader.Consumed, $"{shape.Name} needs {bytes} bytes, {reader.Remaining} are left");
        reader.Advance((int)bytes);
    }
}
