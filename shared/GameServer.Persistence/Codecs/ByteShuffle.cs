using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GameServer.Persistence.Codecs;

/// <summary>
/// Blosc-style byte shuffle: regroups the bytes of fixed-size scalars into byte planes so that the
/// slowly-changing high bytes of struct-of-arrays columns sit next to each other, which zstd compresses
/// far better than the interleaved layout.
/// </summary>
/// <remarks>
/// For <c>n = source.Length / scalarSize</c> elements, byte plane <c>b</c> (<c>0 &lt;= b &lt; scalarSize</c>)
/// occupies <c>destination[b*n .. (b+1)*n)</c> and holds byte <c>b</c> of every element in order. The
/// <c>source.Length % scalarSize</c> trailing bytes are copied unchanged after the last plane.
/// Scalar sizes 2, 4 and 8 have SIMD paths (AVX2 or SSSE3 on x86, AdvSimd on Arm64); every other size,
/// and hardware without those, uses a portable scalar loop. Neither method allocates.
/// </remarks>
public static class ByteShuffle
{
    /// <summary>Which kernel family runs; internal so tests can pin every path on one machine.</summary>
    internal enum Width
    {
        /// <summary>Portable byte loop, used for every scalar size.</summary>
        Scalar,

        /// <summary>128-bit kernels: SSSE3 on x86, AdvSimd on Arm64.</summary>
        Bits128,

        /// <summary>256-bit AVX2 kernels, finished by the 128-bit and scalar loops.</summary>
        Bits256,
    }

    /// <summary>Widest kernel family this CPU runs; folds to a JIT-time constant.</summary>
    internal static Width BestWidth =>
        Avx2.IsSupported ? Width.Bits256
        : Ssse3.IsSupported || AdvSimd.Arm64.IsSupported ? Width.Bits128
        : Width.Scalar;

    /// <summary>
    /// Transposes <paramref name="source"/> from element order into byte planes: for
    /// <c>n = source.Length / scalarSize</c> elements, plane <c>b</c> occupies
    /// <c>destination[b*n .. (b+1)*n)</c> and holds byte <c>b</c> of every element in order. The
    /// <c>source.Length % scalarSize</c> trailing bytes are copied unchanged to the end.
    /// </summary>
    /// <param name="source">Bytes in element order.</param>
    /// <param name="destination">
    /// Receives the planes in its first <c>source.Length</c> bytes; any bytes past that are left untouched.
    /// Must not overlap <paramref name="source"/>.
    /// </param>
    /// <param name="scalarSize">Size in bytes of one element; 1 is a plain copy.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalarSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is shorter than <paramref name="source"/>, or the two overlap.
    /// </exception>
    public static void Shuffle(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize) =>
        Shuffle(source, destination, scalarSize, BestWidth);

    /// <summary>
    /// Exact inverse of <see cref="Shuffle(ReadOnlySpan{byte}, Span{byte}, int)"/>: gathers the byte planes
    /// in <paramref name="source"/> back into element order, and copies the
    /// <c>source.Length % scalarSize</c> trailing bytes unchanged.
    /// </summary>
    /// <param name="source">Byte planes as written by <c>Shuffle</c> with the same <paramref name="scalarSize"/>.</param>
    /// <param name="destination">
    /// Receives the elements in its first <c>source.Length</c> bytes; any bytes past that are left untouched.
    /// Must not overlap <paramref name="source"/>.
    /// </param>
    /// <param name="scalarSize">Size in bytes of one element; 1 is a plain copy.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalarSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is shorter than <paramref name="source"/>, or the two overlap.
    /// </exception>
    public static void Unshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize) =>
        Unshuffle<Assign>(source, destination, scalarSize, BestWidth);

    /// <summary>
    /// Fused <see cref="Unshuffle(ReadOnlySpan{byte}, Span{byte}, int)"/> and XOR: gathers the byte planes in
    /// <paramref name="source"/> into element order and XORs them onto <paramref name="destination"/> in the same
    /// pass, as a delta block is applied onto its base, with no intermediate copy.
    /// </summary>
    /// <param name="source">Byte planes as written by <c>Shuffle</c> with the same <paramref name="scalarSize"/>.</param>
    /// <param name="destination">
    /// Its first <c>source.Length</c> bytes are XORed with the unshuffled bytes; any bytes past that are left
    /// untouched. Must not overlap <paramref name="source"/>.
    /// </param>
    /// <param name="scalarSize">Size in bytes of one element; 1 is a plain XOR.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalarSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is shorter than <paramref name="source"/>, or the two overlap.
    /// </exception>
    public static void UnshuffleXor(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize) =>
        Unshuffle<XorInto>(source, destination, scalarSize, BestWidth);

    /// <summary>Shuffle through the portable scalar loop only (reference for the SIMD paths).</summary>
    internal static void ShuffleScalar(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize) =>
        Shuffle(source, destination, scalarSize, Width.Scalar);

    /// <summary>Unshuffle through the portable scalar loop only (reference for the SIMD paths).</summary>
    internal static void UnshuffleScalar(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize) =>
        Unshuffle<Assign>(source, destination, scalarSize, Width.Scalar);

    /// <summary>Shuffle using kernels no wider than <paramref name="width"/> (clamped to what the CPU has).</summary>
    internal static void Shuffle(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize, Width width)
    {
        Validate(source, destination, scalarSize);
        if (scalarSize == 1)
        {
            source.CopyTo(destination);
            return;
        }

        var n = (nuint)(source.Length / scalarSize);
        var body = n * (nuint)scalarSize;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        width = width < BestWidth ? width : BestWidth;

        // Each kernel handles whole vector blocks and returns where it stopped; the scalar loop finishes.
        nuint done = 0;
        switch (scalarSize)
        {
            case 2:
                if (width == Width.Bits256)
                    done = Shuffle2Avx2(ref src, ref dst, n, done);
                if (width >= Width.Bits128)
                    done = Shuffle2Vector128(ref src, ref dst, n, done);
                break;
            case 4:
                if (width == Width.Bits256)
                    done = Shuffle4Avx2(ref src, ref dst, n, done);
                if (width >= Width.Bits128)
                    done = Shuffle4Vector128(ref src, ref dst, n, done);
                break;
            case 8:
                if (width >= Width.Bits128 && n >= StageElements && PlaneStartsAlias(n))
                    done = Shuffle8Staged(ref src, ref dst, n, width);
                if (width == Width.Bits256)
                    done = Shuffle8Avx2(ref src, ref dst, n, done);
                if (width >= Width.Bits128)
                    done = Shuffle8Vector128(ref src, ref dst, n, done);
                break;
        }

        ShuffleRemainder(ref src, ref dst, n, (nuint)scalarSize, done);
        source[(int)body..].CopyTo(destination[(int)body..]);
    }

    /// <summary>Unshuffle using kernels no wider than <paramref name="width"/> (clamped to what the CPU has).</summary>
    internal static void Unshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize, Width width) =>
        Unshuffle<Assign>(source, destination, scalarSize, width);

    /// <summary>Unshuffle+XOR using kernels no wider than <paramref name="width"/> (clamped to what the CPU has).</summary>
    internal static void UnshuffleXor(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize, Width width) =>
        Unshuffle<XorInto>(source, destination, scalarSize, width);

    // One body for both: TStore either writes each gathered vector or XORs it onto what is there.
    private static void Unshuffle<TStore>(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize, Width width)
        where TStore : struct, IUnshuffleStore
    {
        Validate(source, destination, scalarSize);
        if (scalarSize == 1)
        {
            TStore.Bytes(source, destination);
            return;
        }

        var n = (nuint)(source.Length / scalarSize);
        var body = n * (nuint)scalarSize;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        width = width < BestWidth ? width : BestWidth;

        nuint done = 0;
        switch (scalarSize)
        {
            case 2:
                if (width == Width.Bits256)
                    done = Unshuffle2Avx2<TStore>(ref src, ref dst, n, done);
                if (width >= Width.Bits128)
                    done = Unshuffle2Vector128<TStore>(ref src, ref dst, n, done);
                break;
            case 4:
                if (width == Width.Bits256)
                    done = Unshuffle4Avx2<TStore>(ref src, ref dst, n, done);
                if (width >= Width.Bits128)
                    done = Unshuffle4Vector128<TStore>(ref src, ref dst, n, done);
                break;
            case 8:
                if (width == Width.Bits256)
                    done = Unshuffle8Avx2<TStore>(ref src, ref dst, n, done);
                if (width >= Width.Bits128)
                    done = Unshuffle8Vector128<TStore>(ref src, ref dst, n, done);
                break;
        }

        UnshuffleRemainder<TStore>(ref src, ref dst, n, (nuint)scalarSize, done);
        TStore.Bytes(source[(int)body..], destination[(int)body..]);
    }

    private static void Validate(ReadOnlySpan<byte> source, Span<byte> destination, int scalarSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scalarSize);
        if (destination.Length < source.Length)
            throw new ArgumentException("Destination is shorter than source.", nameof(destination));

        // Planes land far from the elements they come from, so any overlap would silently corrupt data.
        if (source.Overlaps(destination[..source.Length]))
            throw new ArgumentException("Source and destination must not overlap.", nameof(destination));
    }

    // Every loop below is marked AggressiveOptimization: a save calls each kernel only a few dozen times,
    // so under tiered JIT they would run as Tier0 code plus an OSR hop on every call (measured ~2x slower)
    // and might never reach Tier1. They gain nothing from PGO.

    // ---- Portable scalar loops: every size, and the elements left over after the vector blocks. ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShuffleRemainder(ref byte src, ref byte dst, nuint n, nuint size, nuint start)
    {
        // Plane by plane: writes stay sequential and the strided reads hit cache lines already loaded.
        for (nuint b = 0; b < size; b++)
        {
            ref var plane = ref Unsafe.Add(ref dst, b * n);
            ref var column = ref Unsafe.Add(ref src, b);
            var i = start;
            for (; i + 4 <= n; i += 4)
            {
                Unsafe.Add(ref plane, i) = Unsafe.Add(ref column, i * size);
                Unsafe.Add(ref plane, i + 1) = Unsafe.Add(ref column, (i + 1) * size);
                Unsafe.Add(ref plane, i + 2) = Unsafe.Add(ref column, (i + 2) * size);
                Unsafe.Add(ref plane, i + 3) = Unsafe.Add(ref column, (i + 3) * size);
            }

            for (; i < n; i++)
                Unsafe.Add(ref plane, i) = Unsafe.Add(ref column, i * size);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnshuffleRemainder<TStore>(ref byte src, ref byte dst, nuint n, nuint size, nuint start)
        where TStore : struct, IUnshuffleStore
    {
        for (nuint b = 0; b < size; b++)
        {
            ref var plane = ref Unsafe.Add(ref src, b * n);
            ref var column = ref Unsafe.Add(ref dst, b);
            var i = start;
            for (; i + 4 <= n; i += 4)
            {
                TStore.Store(ref Unsafe.Add(ref column, i * size), Unsafe.Add(ref plane, i));
                TStore.Store(ref Unsafe.Add(ref column, (i + 1) * size), Unsafe.Add(ref plane, i + 1));
                TStore.Store(ref Unsafe.Add(ref column, (i + 2) * size), Unsafe.Add(ref plane, i + 2));
                TStore.Store(ref Unsafe.Add(ref column, (i + 3) * size), Unsafe.Add(ref plane, i + 3));
            }

            for (; i < n; i++)
                TStore.Store(ref Unsafe.Add(ref column, i * size), Unsafe.Add(ref plane, i));
        }
    }

    // ---- 128-bit kernels (SSSE3 / AdvSimd), 16 elements per step. ----
    // Shuffle: a byte shuffle gathers each byte index inside one vector, then a zip transpose across
    // vectors joins the per-vector groups into 16-byte plane rows. Unshuffle is the zip network reversed.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle2Vector128(ref byte src, ref byte dst, nuint n, nuint i)
    {
        var gather = Vector128.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
        ref var plane1 = ref Unsafe.Add(ref dst, n);
        for (; i + 16 <= n; i += 16)
        {
            ref var s = ref Unsafe.Add(ref src, i * 2);
            var w0 = ShuffleBytes(Vector128.LoadUnsafe(ref s), gather);
            var w1 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 16), gather);
            ZipLow64(w0, w1).StoreUnsafe(ref dst, i);
            ZipHigh64(w0, w1).StoreUnsafe(ref plane1, i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle4Vector128(ref byte src, ref byte dst, nuint n, nuint i)
    {
        var gather = Vector128.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
        ref var plane1 = ref Unsafe.Add(ref dst, n);
        ref var plane2 = ref Unsafe.Add(ref dst, n * 2);
        ref var plane3 = ref Unsafe.Add(ref dst, n * 3);
        for (; i + 16 <= n; i += 16)
        {
            ref var s = ref Unsafe.Add(ref src, i * 4);
            var w0 = ShuffleBytes(Vector128.LoadUnsafe(ref s), gather);
            var w1 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 16), gather);
            var w2 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 32), gather);
            var w3 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 48), gather);

            // 4x4 transpose of 32-bit lanes: lane b of w_k is byte b of elements 4k..4k+3.
            var a0 = ZipLow32(w0, w1);
            var a1 = ZipHigh32(w0, w1);
            var a2 = ZipLow32(w2, w3);
            var a3 = ZipHigh32(w2, w3);
            ZipLow64(a0, a2).StoreUnsafe(ref dst, i);
            ZipHigh64(a0, a2).StoreUnsafe(ref plane1, i);
            ZipLow64(a1, a3).StoreUnsafe(ref plane2, i);
            ZipHigh64(a1, a3).StoreUnsafe(ref plane3, i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle8Vector128(ref byte src, ref byte dst, nuint n, nuint i)
    {
        var gather = Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        for (; i + 16 <= n; i += 16)
        {
            ref var s = ref Unsafe.Add(ref src, i * 8);
            var w0 = ShuffleBytes(Vector128.LoadUnsafe(ref s), gather);
            var w1 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 16), gather);
            var w2 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 32), gather);
            var w3 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 48), gather);
            var w4 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 64), gather);
            var w5 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 80), gather);
            var w6 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 96), gather);
            var w7 = ShuffleBytes(Vector128.LoadUnsafe(ref s, 112), gather);

            // 8x8 transpose of 16-bit lanes: lane b of w_k is byte b of elements 2k and 2k+1.
            var a0 = ZipLow16(w0, w1);
            var a1 = ZipHigh16(w0, w1);
            var a2 = ZipLow16(w2, w3);
            var a3 = ZipHigh16(w2, w3);
            var a4 = ZipLow16(w4, w5);
            var a5 = ZipHigh16(w4, w5);
            var a6 = ZipLow16(w6, w7);
            var a7 = ZipHigh16(w6, w7);
            var c0 = ZipLow32(a0, a2);
            var c1 = ZipHigh32(a0, a2);
            var c2 = ZipLow32(a1, a3);
            var c3 = ZipHigh32(a1, a3);
            var c4 = ZipLow32(a4, a6);
            var c5 = ZipHigh32(a4, a6);
            var c6 = ZipLow32(a5, a7);
            var c7 = ZipHigh32(a5, a7);
            ZipLow64(c0, c4).StoreUnsafe(ref dst, i);
            ZipHigh64(c0, c4).StoreUnsafe(ref dst, n + i);
            ZipLow64(c1, c5).StoreUnsafe(ref dst, (n * 2) + i);
            ZipHigh64(c1, c5).StoreUnsafe(ref dst, (n * 3) + i);
            ZipLow64(c2, c6).StoreUnsafe(ref dst, (n * 4) + i);
            ZipHigh64(c2, c6).StoreUnsafe(ref dst, (n * 5) + i);
            ZipLow64(c3, c7).StoreUnsafe(ref dst, (n * 6) + i);
            ZipHigh64(c3, c7).StoreUnsafe(ref dst, (n * 7) + i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Unshuffle2Vector128<TStore>(ref byte src, ref byte dst, nuint n, nuint i)
        where TStore : struct, IUnshuffleStore
    {
        ref var plane1 = ref Unsafe.Add(ref src, n);
        for (; i + 16 <= n; i += 16)
        {
            var p0 = Vector128.LoadUnsafe(ref src, i);
            var p1 = Vector128.LoadUnsafe(ref plane1, i);
            ref var d = ref Unsafe.Add(ref dst, i * 2);
            TStore.Store(ZipLow8(p0, p1), ref d, 0);
            TStore.Store(ZipHigh8(p0, p1), ref d, 16);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Unshuffle4Vector128<TStore>(ref byte src, ref byte dst, nuint n, nuint i)
        where TStore : struct, IUnshuffleStore
    {
        ref var plane1 = ref Unsafe.Add(ref src, n);
        ref var plane2 = ref Unsafe.Add(ref src, n * 2);
        ref var plane3 = ref Unsafe.Add(ref src, n * 3);
        for (; i + 16 <= n; i += 16)
        {
            var p0 = Vector128.LoadUnsafe(ref src, i);
            var p1 = Vector128.LoadUnsafe(ref plane1, i);
            var p2 = Vector128.LoadUnsafe(ref plane2, i);
            var p3 = Vector128.LoadUnsafe(ref plane3, i);
            var a0 = ZipLow8(p0, p1);
            var a1 = ZipHigh8(p0, p1);
            var a2 = ZipLow8(p2, p3);
            var a3 = ZipHigh8(p2, p3);
            ref var d = ref Unsafe.Add(ref dst, i * 4);
            TStore.Store(ZipLow16(a0, a2), ref d, 0);
            TStore.Store(ZipHigh16(a0, a2), ref d, 16);
            TStore.Store(ZipLow16(a1, a3), ref d, 32);
            TStore.Store(ZipHigh16(a1, a3), ref d, 48);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Unshuffle8Vector128<TStore>(ref byte src, ref byte dst, nuint n, nuint i)
        where TStore : struct, IUnshuffleStore
    {
        for (; i + 16 <= n; i += 16)
        {
            ref var s = ref Unsafe.Add(ref src, i);
            var p0 = Vector128.LoadUnsafe(ref s);
            var p1 = Vector128.LoadUnsafe(ref s, n);
            var p2 = Vector128.LoadUnsafe(ref s, n * 2);
            var p3 = Vector128.LoadUnsafe(ref s, n * 3);
            var p4 = Vector128.LoadUnsafe(ref s, n * 4);
            var p5 = Vector128.LoadUnsafe(ref s, n * 5);
            var p6 = Vector128.LoadUnsafe(ref s, n * 6);
            var p7 = Vector128.LoadUnsafe(ref s, n * 7);
            var a0 = ZipLow8(p0, p1);
            var a1 = ZipHigh8(p0, p1);
            var a2 = ZipLow8(p2, p3);
            var a3 = ZipHigh8(p2, p3);
            var a4 = ZipLow8(p4, p5);
            var a5 = ZipHigh8(p4, p5);
            var a6 = ZipLow8(p6, p7);
            var a7 = ZipHigh8(p6, p7);
            var c0 = ZipLow16(a0, a2);
            var c1 = ZipHigh16(a0, a2);
            var c2 = ZipLow16(a1, a3);
            var c3 = ZipHigh16(a1, a3);
            var c4 = ZipLow16(a4, a6);
            var c5 = ZipHigh16(a4, a6);
            var c6 = ZipLow16(a5, a7);
            var c7 = ZipHigh16(a5, a7);
            ref var d = ref Unsafe.Add(ref dst, i * 8);
            TStore.Store(ZipLow32(c0, c4), ref d, 0);
            TStore.Store(ZipHigh32(c0, c4), ref d, 16);
            TStore.Store(ZipLow32(c1, c5), ref d, 32);
            TStore.Store(ZipHigh32(c1, c5), ref d, 48);
            TStore.Store(ZipLow32(c2, c6), ref d, 64);
            TStore.Store(ZipHigh32(c2, c6), ref d, 80);
            TStore.Store(ZipLow32(c3, c7), ref d, 96);
            TStore.Store(ZipHigh32(c3, c7), ref d, 112);
        }

        return i;
    }

    // ---- 8-byte shuffle through an L1-resident stage, for plane strides that alias. ----

    /// <summary>Elements per staging chunk: 8 planes x 256 bytes = 2 KiB of stack.</summary>
    private const int StageElements = 256;

    // True when the plane stride is within 32 bytes of a multiple of 4 KiB, as with the save format's
    // 1 MiB blocks: the eight store streams then share one or two L1 sets and, on an 8-way L1 (Zen 4,
    // where it was measured), evict each other's half-written lines, costing up to 2x.
    private static bool PlaneStartsAlias(nuint n) => ((n + 32) & 4095) < 64;

    // Transposes each chunk into a small stack buffer whose planes sit 256 bytes apart, then copies each
    // plane's run out whole, so at most one destination stream is open at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle8Staged(ref byte src, ref byte dst, nuint n, Width width)
    {
        Span<byte> stage = stackalloc byte[8 * StageElements];
        ref var staged = ref MemoryMarshal.GetReference(stage);
        nuint i = 0;
        for (; i + StageElements <= n; i += StageElements)
        {
            ref var chunk = ref Unsafe.Add(ref src, i * 8);
            nuint done = 0;
            if (width == Width.Bits256)
                done = Shuffle8Avx2(ref chunk, ref staged, StageElements, done);
            Shuffle8Vector128(ref chunk, ref staged, StageElements, done);
            for (nuint b = 0; b < 8; b++)
            {
                Unsafe.CopyBlockUnaligned(
                    ref Unsafe.Add(ref dst, (b * n) + i), ref Unsafe.Add(ref staged, b * StageElements), StageElements);
            }
        }

        return i;
    }

    // ---- 256-bit AVX2 kernels, 32 elements per step. ----
    // AVX2 shuffles work within 128-bit lanes, so each ymm carries two independent 16-element halves:
    // shuffle loads the low lane from elements 0..15 and the high lane from 16..31 (the plane rows then
    // come out contiguous), and unshuffle stores the two lanes to their halves. This avoids any
    // lane-crossing permute and runs exactly the 128-bit network above.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle2Avx2(ref byte src, ref byte dst, nuint n, nuint i)
    {
        var gather = Vector256.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15,
            0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
        ref var plane1 = ref Unsafe.Add(ref dst, n);
        for (; i + 32 <= n; i += 32)
        {
            ref var s = ref Unsafe.Add(ref src, i * 2);
            var w0 = Avx2.Shuffle(LoadHalves(ref s, 0, 32), gather);
            var w1 = Avx2.Shuffle(LoadHalves(ref s, 16, 48), gather);
            Avx2.UnpackLow(w0.AsUInt64(), w1.AsUInt64()).AsByte().StoreUnsafe(ref dst, i);
            Avx2.UnpackHigh(w0.AsUInt64(), w1.AsUInt64()).AsByte().StoreUnsafe(ref plane1, i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle4Avx2(ref byte src, ref byte dst, nuint n, nuint i)
    {
        var gather = Vector256.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,
            0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
        ref var plane1 = ref Unsafe.Add(ref dst, n);
        ref var plane2 = ref Unsafe.Add(ref dst, n * 2);
        ref var plane3 = ref Unsafe.Add(ref dst, n * 3);
        for (; i + 32 <= n; i += 32)
        {
            ref var s = ref Unsafe.Add(ref src, i * 4);
            var w0 = Avx2.Shuffle(LoadHalves(ref s, 0, 64), gather).AsUInt32();
            var w1 = Avx2.Shuffle(LoadHalves(ref s, 16, 80), gather).AsUInt32();
            var w2 = Avx2.Shuffle(LoadHalves(ref s, 32, 96), gather).AsUInt32();
            var w3 = Avx2.Shuffle(LoadHalves(ref s, 48, 112), gather).AsUInt32();
            var a0 = Avx2.UnpackLow(w0, w1).AsUInt64();
            var a1 = Avx2.UnpackHigh(w0, w1).AsUInt64();
            var a2 = Avx2.UnpackLow(w2, w3).AsUInt64();
            var a3 = Avx2.UnpackHigh(w2, w3).AsUInt64();
            Avx2.UnpackLow(a0, a2).AsByte().StoreUnsafe(ref dst, i);
            Avx2.UnpackHigh(a0, a2).AsByte().StoreUnsafe(ref plane1, i);
            Avx2.UnpackLow(a1, a3).AsByte().StoreUnsafe(ref plane2, i);
            Avx2.UnpackHigh(a1, a3).AsByte().StoreUnsafe(ref plane3, i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle8Avx2(ref byte src, ref byte dst, nuint n, nuint i)
    {
        var gather = Vector256.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15,
            0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        for (; i + 32 <= n; i += 32)
        {
            ref var s = ref Unsafe.Add(ref src, i * 8);
            var w0 = Avx2.Shuffle(LoadHalves(ref s, 0, 128), gather).AsUInt16();
            var w1 = Avx2.Shuffle(LoadHalves(ref s, 16, 144), gather).AsUInt16();
            var w2 = Avx2.Shuffle(LoadHalves(ref s, 32, 160), gather).AsUInt16();
            var w3 = Avx2.Shuffle(LoadHalves(ref s, 48, 176), gather).AsUInt16();
            var w4 = Avx2.Shuffle(LoadHalves(ref s, 64, 192), gather).AsUInt16();
            var w5 = Avx2.Shuffle(LoadHalves(ref s, 80, 208), gather).AsUInt16();
            var w6 = Avx2.Shuffle(LoadHalves(ref s, 96, 224), gather).AsUInt16();
            var w7 = Avx2.Shuffle(LoadHalves(ref s, 112, 240), gather).AsUInt16();
            var a0 = Avx2.UnpackLow(w0, w1).AsUInt32();
            var a1 = Avx2.UnpackHigh(w0, w1).AsUInt32();
            var a2 = Avx2.UnpackLow(w2, w3).AsUInt32();
            var a3 = Avx2.UnpackHigh(w2, w3).AsUInt32();
            var a4 = Avx2.UnpackLow(w4, w5).AsUInt32();
            var a5 = Avx2.UnpackHigh(w4, w5).AsUInt32();
            var a6 = Avx2.UnpackLow(w6, w7).AsUInt32();
            var a7 = Avx2.UnpackHigh(w6, w7).AsUInt32();
            var c0 = Avx2.UnpackLow(a0, a2).AsUInt64();
            var c1 = Avx2.UnpackHigh(a0, a2).AsUInt64();
            var c2 = Avx2.UnpackLow(a1, a3).AsUInt64();
            var c3 = Avx2.UnpackHigh(a1, a3).AsUInt64();
            var c4 = Avx2.UnpackLow(a4, a6).AsUInt64();
            var c5 = Avx2.UnpackHigh(a4, a6).AsUInt64();
            var c6 = Avx2.UnpackLow(a5, a7).AsUInt64();
            var c7 = Avx2.UnpackHigh(a5, a7).AsUInt64();
            Avx2.UnpackLow(c0, c4).AsByte().StoreUnsafe(ref dst, i);
            Avx2.UnpackHigh(c0, c4).AsByte().StoreUnsafe(ref dst, n + i);
            Avx2.UnpackLow(c1, c5).AsByte().StoreUnsafe(ref dst, (n * 2) + i);
            Avx2.UnpackHigh(c1, c5).AsByte().StoreUnsafe(ref dst, (n * 3) + i);
            Avx2.UnpackLow(c2, c6).AsByte().StoreUnsafe(ref dst, (n * 4) + i);
            Avx2.UnpackHigh(c2, c6).AsByte().StoreUnsafe(ref dst, (n * 5) + i);
            Avx2.UnpackLow(c3, c7).AsByte().StoreUnsafe(ref dst, (n * 6) + i);
            Avx2.UnpackHigh(c3, c7).AsByte().StoreUnsafe(ref dst, (n * 7) + i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Unshuffle2Avx2<TStore>(ref byte src, ref byte dst, nuint n, nuint i)
        where TStore : struct, IUnshuffleStore
    {
        ref var plane1 = ref Unsafe.Add(ref src, n);
        for (; i + 32 <= n; i += 32)
        {
            var p0 = Vector256.LoadUnsafe(ref src, i);
            var p1 = Vector256.LoadUnsafe(ref plane1, i);
            ref var d = ref Unsafe.Add(ref dst, i * 2);
            StoreHalves<TStore>(Avx2.UnpackLow(p0, p1), ref d, 0, 32);
            StoreHalves<TStore>(Avx2.UnpackHigh(p0, p1), ref d, 16, 48);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Unshuffle4Avx2<TStore>(ref byte src, ref byte dst, nuint n, nuint i)
        where TStore : struct, IUnshuffleStore
    {
        ref var plane1 = ref Unsafe.Add(ref src, n);
        ref var plane2 = ref Unsafe.Add(ref src, n * 2);
        ref var plane3 = ref Unsafe.Add(ref src, n * 3);
        for (; i + 32 <= n; i += 32)
        {
            var p0 = Vector256.LoadUnsafe(ref src, i);
            var p1 = Vector256.LoadUnsafe(ref plane1, i);
            var p2 = Vector256.LoadUnsafe(ref plane2, i);
            var p3 = Vector256.LoadUnsafe(ref plane3, i);
            var a0 = Avx2.UnpackLow(p0, p1).AsUInt16();
            var a1 = Avx2.UnpackHigh(p0, p1).AsUInt16();
            var a2 = Avx2.UnpackLow(p2, p3).AsUInt16();
            var a3 = Avx2.UnpackHigh(p2, p3).AsUInt16();
            ref var d = ref Unsafe.Add(ref dst, i * 4);
            StoreHalves<TStore>(Avx2.UnpackLow(a0, a2).AsByte(), ref d, 0, 64);
            StoreHalves<TStore>(Avx2.UnpackHigh(a0, a2).AsByte(), ref d, 16, 80);
            StoreHalves<TStore>(Avx2.UnpackLow(a1, a3).AsByte(), ref d, 32, 96);
            StoreHalves<TStore>(Avx2.UnpackHigh(a1, a3).AsByte(), ref d, 48, 112);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Unshuffle8Avx2<TStore>(ref byte src, ref byte dst, nuint n, nuint i)
        where TStore : struct, IUnshuffleStore
    {
        for (; i + 32 <= n; i += 32)
        {
            ref var s = ref Unsafe.Add(ref src, i);
            var p0 = Vector256.LoadUnsafe(ref s);
            var p1 = Vector256.LoadUnsafe(ref s, n);
            var p2 = Vector256.LoadUnsafe(ref s, n * 2);
            var p3 = Vector256.LoadUnsafe(ref s, n * 3);
            var p4 = Vector256.LoadUnsafe(ref s, n * 4);
            var p5 = Vector256.LoadUnsafe(ref s, n * 5);
            var p6 = Vector256.LoadUnsafe(ref s, n * 6);
            var p7 = Vector256.LoadUnsafe(ref s, n * 7);
            var a0 = Avx2.UnpackLow(p0, p1).AsUInt16();
            var a1 = Avx2.UnpackHigh(p0, p1).AsUInt16();
            var a2 = Avx2.UnpackLow(p2, p3).AsUInt16();
            var a3 = Avx2.UnpackHigh(p2, p3).AsUInt16();
            var a4 = Avx2.UnpackLow(p4, p5).AsUInt16();
            var a5 = Avx2.UnpackHigh(p4, p5).AsUInt16();
            var a6 = Avx2.UnpackLow(p6, p7).AsUInt16();
            var a7 = Avx2.UnpackHigh(p6, p7).AsUInt16();
            var c0 = Avx2.UnpackLow(a0, a2).AsUInt32();
            var c1 = Avx2.UnpackHigh(a0, a2).AsUInt32();
            var c2 = Avx2.UnpackLow(a1, a3).AsUInt32();
            var c3 = Avx2.UnpackHigh(a1, a3).AsUInt32();
            var c4 = Avx2.UnpackLow(a4, a6).AsUInt32();
            var c5 = Avx2.UnpackHigh(a4, a6).AsUInt32();
            var c6 = Avx2.UnpackLow(a5, a7).AsUInt32();
            var c7 = Avx2.UnpackHigh(a5, a7).AsUInt32();
            ref var d = ref Unsafe.Add(ref dst, i * 8);
            StoreHalves<TStore>(Avx2.UnpackLow(c0, c4).AsByte(), ref d, 0, 128);
            StoreHalves<TStore>(Avx2.UnpackHigh(c0, c4).AsByte(), ref d, 16, 144);
            StoreHalves<TStore>(Avx2.UnpackLow(c1, c5).AsByte(), ref d, 32, 160);
            StoreHalves<TStore>(Avx2.UnpackHigh(c1, c5).AsByte(), ref d, 48, 176);
            StoreHalves<TStore>(Avx2.UnpackLow(c2, c6).AsByte(), ref d, 64, 192);
            StoreHalves<TStore>(Avx2.UnpackHigh(c2, c6).AsByte(), ref d, 80, 208);
            StoreHalves<TStore>(Avx2.UnpackLow(c3, c7).AsByte(), ref d, 96, 224);
            StoreHalves<TStore>(Avx2.UnpackHigh(c3, c7).AsByte(), ref d, 112, 240);
        }

        return i;
    }

    // ---- Primitives. Each folds to one instruction: the IsSupported checks are JIT-time constants. ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> LoadHalves(ref byte source, nuint lowOffset, nuint highOffset) =>
        Vector256.Create(Vector128.LoadUnsafe(ref source, lowOffset), Vector128.LoadUnsafe(ref source, highOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHalves<TStore>(Vector256<byte> value, ref byte destination, nuint lowOffset, nuint highOffset)
        where TStore : struct, IUnshuffleStore
    {
        TStore.Store(value.GetLower(), ref destination, lowOffset);
        TStore.Store(value.GetUpper(), ref destination, highOffset);
    }

    // ---- What an unshuffle kernel does with each gathered vector; structs, so the JIT specialises each kernel. ----

    private interface IUnshuffleStore
    {
        static abstract void Store(Vector128<byte> value, ref byte destination, nuint offset);

        static abstract void Store(ref byte destination, byte value);

        static abstract void Bytes(ReadOnlySpan<byte> source, Span<byte> destination);
    }

    private readonly struct Assign : IUnshuffleStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(ref byte destination, byte value) => destination = value;

        public static void Bytes(ReadOnlySpan<byte> source, Span<byte> destination) => source.CopyTo(destination);
    }

    private readonly struct XorInto : IUnshuffleStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<byte> value, ref byte destination, nuint offset) =>
            (Vector128.LoadUnsafe(ref destination, offset) ^ value).StoreUnsafe(ref destination, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(ref byte destination, byte value) => destination ^= value;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Bytes(ReadOnlySpan<byte> source, Span<byte> destination)
        {
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);
            var length = (nuint)source.Length;
            nuint i = 0;
            for (; i + 32 <= length; i += 32)
                (Vector256.LoadUnsafe(ref dst, i) ^ Vector256.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            for (; i + 16 <= length; i += 16)
                (Vector128.LoadUnsafe(ref dst, i) ^ Vector128.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i);
            for (; i < length; i++)
                Unsafe.Add(ref dst, i) ^= Unsafe.Add(ref src, i);
        }
    }

    // TBL and PSHUFB agree for indices 0..15, which is all the gather masks use.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ShuffleBytes(Vector128<byte> value, Vector128<byte> indices) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(value, indices) : AdvSimd.Arm64.VectorTableLookup(value, indices);

    // PUNPCKL*/PUNPCKH* and ZIP1/ZIP2 are the same operation at each element width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipLow8(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported ? Sse2.UnpackLow(left, right) : AdvSimd.Arm64.ZipLow(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipHigh8(Vector128<byte> left, Vector128<byte> right) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(left, right) : AdvSimd.Arm64.ZipHigh(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipLow16(Vector128<byte> left, Vector128<byte> right) =>
        (Sse2.IsSupported
            ? Sse2.UnpackLow(left.AsUInt16(), right.AsUInt16())
            : AdvSimd.Arm64.ZipLow(left.AsUInt16(), right.AsUInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipHigh16(Vector128<byte> left, Vector128<byte> right) =>
        (Sse2.IsSupported
            ? Sse2.UnpackHigh(left.AsUInt16(), right.AsUInt16())
            : AdvSimd.Arm64.ZipHigh(left.AsUInt16(), right.AsUInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipLow32(Vector128<byte> left, Vector128<byte> right) =>
        (Sse2.IsSupported
            ? Sse2.UnpackLow(left.AsUInt32(), right.AsUInt32())
            : AdvSimd.Arm64.ZipLow(left.AsUInt32(), right.AsUInt32())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipHigh32(Vector128<byte> left, Vector128<byte> right) =>
        (Sse2.IsSupported
            ? Sse2.UnpackHigh(left.AsUInt32(), right.AsUInt32())
            : AdvSimd.Arm64.ZipHigh(left.AsUInt32(), right.AsUInt32())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipLow64(Vector128<byte> left, Vector128<byte> right) =>
        (Sse2.IsSupported
            ? Sse2.UnpackLow(left.AsUInt64(), right.AsUInt64())
            : AdvSimd.Arm64.ZipLow(left.AsUInt64(), right.AsUInt64())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ZipHigh64(Vector128<byte> left, Vector128<byte> right) =>
        (Sse2.IsSupported
            ? Sse2.UnpackHigh(left.AsUInt64(), right.AsUInt64())
            : AdvSimd.Arm64.ZipHigh(left.AsUInt64(), right.AsUInt64())).AsByte();
}
