namespace GameServer.Persistence.Codecs;

/// <summary>Blosc-style byte shuffle (placeholder reference implementation; replaced by the SIMD version).</summary>
public static class ByteShuffle
{
    /// <summary>Transposes bytes into planes of <paramref name="scalarSize"/>.</summary>
    public static void Shuffle(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize)
    {
        var n = source.Length / scalarSize;
        for (var b = 0; b < scalarSize; b++)
        {
            for (var i = 0; i < n; i++) destination[(b * n) + i] = source[(i * scalarSize) + b];
        }

        source[(n * scalarSize)..].CopyTo(destination[(n * scalarSize)..]);
    }

    /// <summary>Inverse of <see cref="Shuffle"/>.</summary>
    public static void Unshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize)
    {
        var n = source.Length / scalarSize;
        for (var b = 0; b < scalarSize; b++)
        {
            for (var i = 0; i < n; i++) destination[(i * scalarSize) + b] = source[(b * n) + i];
        }

        source[(n * scalarSize)..].CopyTo(destination[(n * scalarSize)..]);
    }
}
