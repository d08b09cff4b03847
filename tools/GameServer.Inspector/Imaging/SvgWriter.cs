using System.Globalization;
using System.Xml;

namespace GameServer.Inspector.Imaging;

/// <summary>Writes a density grid as SVG: a black square and one rectangle per occupied cell.</summary>
internal static class SvgWriter
{
    public static void Write(Stream output, DensityGrid grid)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = false, CloseOutput = false });
        var size = grid.Size.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        xml.WriteAttributeString("width", size);
        xml.WriteAttributeString("height", size);
        xml.WriteAttributeString("viewBox", $"0 0 {size} {size}");
        xml.WriteAttributeString("shape-rendering", "crispEdges");
        xml.WriteElementString("title", $"entity density: {grid.Plotted} entities");
        xml.WriteStartElement("rect");
        xml.WriteAttributeString("width", size);
        xml.WriteAttributeString("height", size);
        xml.WriteAttributeString("fill", "#000000");
        xml.WriteEndElement();
        for (var y = 0; y < grid.Size; y++)
        {
            for (var x = 0; x < grid.Size; x++)
            {
                if (grid[x, y] == 0) continue;
                var (r, g, b) = grid.Color(x, y);
                xml.WriteStartElement("rect");
                xml.WriteAttributeString("x", x.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("y", y.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("width", "1");
                xml.WriteAttributeString("height", "1");
                xml.WriteAttributeString("fill", $"#{r:x2}{g:x2}{b:x2}");
                xml.WriteEndElement();
            }
        }

        xml.WriteEndElement();
    }
}
