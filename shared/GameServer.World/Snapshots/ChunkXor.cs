using System.Numerics;
using System.Runtime.InteropServices;

namespace GameServer.World.Snapshots;

/// <summary>The copy of a capture that keeps a difference: new bytes into the buffer, and new XOR old into the side buffer, in one pass.</summary>
/// <remarks>Vectorized, allocation-free; it runs on copiers and on the tick thread's write barrier.</remarks>
internal static class ChunkXor
{
    /// <summary>
    /// Writes <paramref name="source"/> XOR <paramref name="target"/> into <paramref name="difference"/>, then
    /// <paramref name="source"/> into <paramref name="target"/>. Target bytes from <paramref name="validOld"/> on
    /// count as zero: they lie past the buffer's previous length, where a delta's base is zero-extended.
    /// </summary>
    public static void CopyRecording(ReadOnlySpan<byte> source, Span<byte> target, int validOld, Span<byte> difference)
    {
        var overlap = Math.Clamp(validOld, 0, source.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && overlap >= Vector<byte>.Count)
        {
            var vectors = overlap / Vector<byte>.Count;
            var s = MemoryMarshal.Cast<byte, Vector<byte>>(source[..(vectors * Vector<byte>.Count)]);
            var t = MemoryMarshal.Cast<byte, Vector<byte>>(target[..(vectors * Vector<byte>.Count)]);
            var d = MemoryMarshal.Cast<byte, Vector<byte>>(difference[..(vectors * Vector<byte>.Count)]);
            for (var v = 0; v < s.Length; v++)
            {
                var value = s[v];
                d[v] = value ^ t[v];
                t[v] = value;
            }

            i = vectors * Vector<byte>.Count;
        }

        for (; i < overlap; i++)
        {
            difference[i] = (byte)(source[i] ^ target[i]);
            target[i] = source[i];
        }

        source[overlap..].CopyTo(difference[overlap..]);
        source[overlap..].CopyTo(target[overlap..]);
    }
}
