using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;

namespace GameServer.Tests.Support;

/// <summary>
/// Renders SVG to PNG with <c>rsvg-convert</c> (Debian package librsvg2-bin, installed by .ci/run) and
/// reads PNG dimensions, to prove a picture renders at the size it declares.
/// </summary>
internal static class SvgRendering
{
    /// <summary>Renders <paramref name="svg"/> to <paramref name="png"/>; fails the test (never skips) when rsvg-convert is missing.</summary>
    public static void ToPng(string svg, string png)
    {
        var info = new ProcessStartInfo("rsvg-convert") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--format", "png", "--output", png, svg }) info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"rsvg-convert is missing ({e.Message}): install it with 'apt-get install -y librsvg2-bin' (.ci/run does)");
            throw;
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                Assert.Fail($"rsvg-convert did not finish rendering {svg} within 60 s");
            }

            Assert.That(process.ExitCode, Is.Zero, $"rsvg-convert {svg}: {errors.Result}");
        }
    }

    /// <summary>Width and height from a PNG's IHDR chunk (which the signature must be followed by).</summary>
    public static (int Width, int Height) PngSize(string png)
    {
        var bytes = File.ReadAllBytes(png);
        Assert.That(bytes, Has.Length.GreaterThan(24), png);
        Assert.That(bytes[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{png}: PNG signature");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"), $"{png}: first chunk");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Asserts the file is UTF-8 text without a byte order mark and under <paramref name="maxBytes"/>.</summary>
    public static void AssertPlainSvg(string svg, int maxBytes)
    {
        var bytes = File.ReadAllBytes(svg);
        Assert.That(bytes.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), Is.False, $"{svg} starts with a BOM");
        Assert.That(bytes, Has.Length.LessThan(maxBytes), $"{svg} size");
    }
}
