using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace GameServer.Inspector.Imaging;

/// <summary>
/// A minimal PNG encoder: 8-bit indexed colour (<see cref="MapPalette"/>), no interlace, filter 0 on every
/// scanline (what the PNG spec advises for palette images), one zlib IDAT chunk. Enough for a density map,
/// and no image library to carry.
/// </summary>
internal static class PngWriter
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes <paramref name="image"/> with the map palette.</summary>
    public static void Write(Stream output, IndexedImage image)
    {
        output.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8; // bit depth
        header[9] = 3; // colour type: indexed
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "PLTE", MapPalette.Rgb());

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < image.Height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(image.Pixels, y * image.Width, image.Width);
            }
        }

        WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND", []);
    }

    /// <summary>The PNG file's bytes (for embedding).</summary>
    public static byte[] Encode(IndexedImage image)
    {
        using var buffer = new MemoryStream();
        Write(buffer, image);
        return buffer.ToArray();
    }

    /// <summary>Length, type, data, then CRC-32 over type and data (big-endian, as PNG wants).</summary>
    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
