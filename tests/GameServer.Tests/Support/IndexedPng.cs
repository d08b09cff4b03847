using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace GameServer.Tests.Support;

/// <summary>Reads back the inspector's PNGs (8-bit indexed, filter 0 rows), checking every chunk's CRC.</summary>
internal static class IndexedPng
{
    public static (int Width, int Height, byte[] Pixels, List<string> Chunks) Read(byte[] bytes)
    {
        Assert.That(bytes[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        var chunks = new List<string>();
        var idat = new MemoryStream();
        int width = 0, height = 0;
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = Encoding.ASCII.GetString(bytes, at + 4, 4);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8 + length));
            Assert.That(crc, Is.EqualTo(Crc32.HashToUInt32(bytes.AsSpan(at + 4, 4 + length))), $"CRC of {type}");
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at + 8)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at + 12)));
                Assert.That((bytes[at + 16], bytes[at + 17]), Is.EqualTo(((byte)8, (byte)3)), "8-bit indexed colour");
            }

            if (type == "IDAT") idat.Write(bytes, at + 8, length);
            chunks.Add(type);
            at += 12 + length;
        }

        idat.Position = 0;
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(raw);
        var rows = raw.ToArray();
        Assert.That(rows, Has.Length.EqualTo(height * (width + 1)));
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            Assert.That(rows[y * (width + 1)], Is.Zero, "filter byte");
            rows.AsSpan((y * (width + 1)) + 1, width).CopyTo(pixels.AsSpan(y * width));
        }

        return (width, height, pixels, chunks);
    }
}
