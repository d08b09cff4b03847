using System.Globalization;
using System.Text;
using System.Xml;

namespace GameServer.Inspector.Imaging;

/// <summary>
/// Writes a <see cref="MapPicture"/> as SVG: its images embedded as PNG data URIs (drawn pixelated), its
/// boxes and labels as SVG elements, so text stays sharp and selectable. UTF-8 without a BOM.
/// </summary>
/// <remarks>
/// One image instead of one element per cell: a 512x512 map is tens of kilobytes, not megabytes.
/// </remarks>
internal static class SvgWriter
{
    private const string Ns = "http://www.w3.org/2000/svg";

    public static void Write(Stream output, MapPicture picture, string title)
    {
        var settings = new XmlWriterSettings { Indent = true, CloseOutput = false, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartElement("svg", Ns);
        xml.WriteAttributeString("width", Int(picture.Width));
        xml.WriteAttributeString("height", Int(picture.Height));
        xml.WriteAttributeString("viewBox", $"0 0 {Int(picture.Width)} {Int(picture.Height)}");
        xml.WriteAttributeString("font-family", "DejaVu Sans Mono, Menlo, Consolas, monospace");
        xml.WriteAttributeString("font-size", Int(BitmapFont.Height));
        xml.WriteElementString("title", Ns, title);
        Rect(xml, 0, 0, picture.Width, picture.Height, MapPalette.Background);
        foreach (var (x, y, image) in picture.Images)
        {
            xml.WriteStartElement("image", Ns);
            Position(xml, x, y, image.Width, image.Height);
            xml.WriteAttributeString("preserveAspectRatio", "none");
            xml.WriteAttributeString("style", "image-rendering:pixelated");
            xml.WriteAttributeString("href", "data:image/png;base64," + Convert.ToBase64String(PngWriter.Encode(image)));
            xml.WriteEndElement();
        }

        xml.WriteStartElement("g", Ns);
        xml.WriteAttributeString("shape-rendering", "crispEdges");
        foreach (var (x, y, w, h, colour) in picture.Boxes) Rect(xml, x, y, w, h, colour);
        xml.WriteEndElement();

        xml.WriteStartElement("g", Ns);
        xml.WriteAttributeString("fill", MapPalette.Hex(MapPalette.Ink));
        foreach (var (x, top, text, anchor) in picture.Labels)
        {
            xml.WriteStartElement("text", Ns);
            xml.WriteAttributeString("x", Int(x));
            xml.WriteAttributeString("y", Int(top + BitmapFont.Height - 2)); // SVG places text by its baseline
            if (anchor != TextAnchor.Start) xml.WriteAttributeString("text-anchor", anchor == TextAnchor.Middle ? "middle" : "end");
            xml.WriteString(text);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Rect(XmlWriter xml, int x, int y, int width, int height, byte colour)
    {
        xml.WriteStartElement("rect", Ns);
        Position(xml, x, y, width, height);
        xml.WriteAttributeString("fill", MapPalette.Hex(colour));
        xml.WriteEndElement();
    }

    private static void Position(XmlWriter xml, int x, int y, int width, int height)
    {
        xml.WriteAttributeString("x", Int(x));
        xml.WriteAttributeString("y", Int(y));
        xml.WriteAttributeString("width", Int(width));
        xml.WriteAttributeString("height", Int(height));
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
