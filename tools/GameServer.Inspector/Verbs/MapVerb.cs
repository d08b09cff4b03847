using GameServer.Inspector.Cli;
using GameServer.Inspector.Imaging;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Reading;
using GameServer.World.Schema;

namespace GameServer.Inspector.Verbs;

/// <summary><c>map FILE -o OUT.png|OUT.svg</c>: a top-down picture of entity density.</summary>
internal sealed class MapVerb : Verb
{
    public override string Name => "map";

    public override string Summary => "top-down entity density picture (PNG or SVG) from position columns";

    public override string Usage => "FILE -o OUT.png|OUT.svg [--x COL --y COL | --pos COL [--axes xy|xz|yz]] [--size N] [--aspect auto|equal|fill] [--json]";

    public override string Description => """
        Counts entities per cell of a grid over the bounding box of their positions and draws the
        counts, one pixel per cell: black is empty, then blue, red, yellow, white as density rises (log
        scale), with axes in world units and a legend of entities per cell. +y points up. Entities with
        a NaN or infinite coordinate are left out. The format follows OUT's extension: a PNG, or an SVG
        that embeds the plot as a PNG and draws axes and legend as text.
        """;

    public override IReadOnlyList<VerbOption> Options =>
    [
        new("--output", "OUT", ".png or .svg file to write (required)", "-o"),
        new("--x", "COL", "numeric column plotted across (default x)"),
        new("--y", "COL", "numeric column plotted up (default y)"),
        new("--pos", "COL", "a vec2/vec3/vec4 position column instead of --x/--y"),
        new("--axes", "AB", "which components of --pos to plot (default xy; xz for a y-up world)"),
        new("--size", "N", "plot size in pixels, 16 to 4096 (default 512); axes and legend add a margin"),
        new("--aspect", "A", "equal: one scale for both axes (the plot keeps the world's proportions, its longer side N); fill: each axis scaled to fill an N x N plot; auto (default): equal unless one side of the bounding box is over 4x the other (a flat world seen from the side), then fill"),
    ];

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("FILE");
        var output = args.Value("--output") ?? throw new UsageException("-o OUT.png or -o OUT.svg is required");
        var extension = Path.GetExtension(output).ToLowerInvariant();
        if (extension is not (".png" or ".svg")) throw new UsageException($"{output}: the output must end in .png or .svg");
        var size = args.IntValue("--size", 512, 16, 4096);
        if (args.Value("--pos") is not null && (args.Value("--x") ?? args.Value("--y")) is not null) throw new UsageException("use --pos or --x/--y, not both");
        var aspect = args.Value("--aspect") ?? "auto";
        if (aspect is not ("auto" or "equal" or "fill")) throw new UsageException($"--aspect {aspect}: use auto, equal or fill");

        using var file = SaveInput.Open(args.Positionals[0]);
        var positions = Positions(file, args);
        var (grid, equal) = Plot(file, positions, size, aspect);
        var picture = DensityMapLayout.Compose(grid, positions.XName, positions.YName);
        Write(output, extension, picture, $"entity density: {grid.Plotted} of {file.Header.EntityCount} entities, {positions.XName} against {positions.YName}");
        aspect = equal ? "equal" : "fill";

        if (args.Json)
        {
            JsonOutput.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", file.Location);
                w.WriteString("output", Path.GetFullPath(output));
                w.WriteNumber("size", size);
                w.WriteString("aspect", aspect);
                w.WriteNumber("width", picture.Width);
                w.WriteNumber("height", picture.Height);
                w.WriteNumber("plotWidth", grid.Width);
                w.WriteNumber("plotHeight", grid.Height);
                w.WriteNumber("entities", file.Header.EntityCount);
                w.WriteNumber("plotted", grid.Plotted);
                w.WriteNumber("peak", grid.Peak);
                w.WriteStartArray("bounds");
                foreach (var v in new[] { grid.MinX, grid.MinY, grid.MaxX, grid.MaxY }) ValueJson.Number(w, v);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else
        {
            context.Out.WriteLine($"wrote {output} ({picture.Width}x{picture.Height}, plot {grid.Width}x{grid.Height} {aspect}, {grid.Plotted} of {file.Header.EntityCount} entities, " +
                $"{positions.XName} {Short(grid.MinX)}..{Short(grid.MaxX)}, {positions.YName} {Short(grid.MinY)}..{Short(grid.MaxY)}, densest cell {grid.Peak})");
        }

        return InspectorApp.Ok;
    }

    private static string Short(double value) => ValueText.Number((float)value);

    /// <summary>Two passes: the bounding box, then the counts; returns whether both axes share one scale.</summary>
    private static (DensityGrid Grid, bool Equal) Plot(SaveFile file, PositionSource source, int size, string aspect)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var (_, count) in RowBatches.Stream(source.Cursors, 0, file.Header.EntityCount))
        {
            for (var i = 0; i < count; i++)
            {
                var (x, y) = source.At(i);
                if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
                (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
                (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
            }
        }

        if (double.IsInfinity(minX)) (minX, minY, maxX, maxY) = (0, 0, 1, 1); // nothing to plot: an empty picture
        var (spanX, spanY) = (maxX - minX, maxY - minY);
        var equal = aspect == "equal" || (aspect == "auto" && Math.Min(spanX, spanY) * 4 >= Math.Max(spanX, spanY) && spanX > 0 && spanY > 0);
        var (width, height) = (size, size);
        if (equal && spanX > spanY) height = Math.Max(1, (int)Math.Round(size * spanY / spanX));
        else if (equal && spanY > spanX) width = Math.Max(1, (int)Math.Round(size * spanX / spanY));
        var grid = new DensityGrid(width, height, minX, minY, maxX, maxY);
        foreach (var (_, count) in RowBatches.Stream(source.Cursors, 0, file.Header.EntityCount))
        {
            for (var i = 0; i < count; i++)
            {
                var (x, y) = source.At(i);
                grid.Add(x, y);
            }
        }

        return (grid, equal);
    }

    private static void Write(string output, string extension, MapPicture picture, string title)
    {
        try
        {
            using var stream = File.Create(output);
            if (extension == ".png") PngWriter.Write(stream, picture.Rasterize());
            else SvgWriter.Write(stream, picture, title);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InspectException($"{output}: cannot write: {e.Message}");
        }
    }

    private static PositionSource Positions(SaveFile file, VerbArgs args)
    {
        if (args.Value("--pos") is { } pos)
        {
            var column = Column(file, pos, "--pos");
            var components = Scalars.Components(column.Type);
            if (components < 2) throw new UsageException($"--pos {pos}: column is {ColumnTypes.DisplayName(column.Type)}, not a vector");
            var axes = args.Value("--axes") ?? "xy";
            var a = axes.Length == 2 ? "xyzw".IndexOf(axes[0], StringComparison.Ordinal) : -1;
            var b = axes.Length == 2 ? "xyzw".IndexOf(axes[1], StringComparison.Ordinal) : -1;
            if (a < 0 || b < 0 || a >= components || b >= components || a == b)
                throw new UsageException($"--axes {axes}: pick two different components of a {ColumnTypes.DisplayName(column.Type)} (e.g. xy or xz)");
            return new PositionSource([column], $"{pos}.{axes[0]}", $"{pos}.{axes[1]}", i => (Scalars.Get(column.Type, column[i], a), Scalars.Get(column.Type, column[i], b)));
        }

        if (args.Value("--axes") is not null) throw new UsageException("--axes goes with --pos");
        var x = Column(file, args.Value("--x") ?? "x", "--x");
        var y = Column(file, args.Value("--y") ?? "y", "--y");
        foreach (var c in new[] { x, y })
        {
            if (Scalars.Components(c.Type) != 1)
                throw new UsageException($"column '{c.Name}' is {ColumnTypes.DisplayName(c.Type)}, not a number (use --pos for a vector column)");
        }

        return new PositionSource([x, y], x.Name, y.Name, i => (Scalars.Get(x.Type, x[i]), Scalars.Get(y.Type, y[i])));
    }

    private static ColumnCursor Column(SaveFile file, string name, string option)
    {
        var index = file.Schema.IndexOf(name);
        if (index < 0) throw new UsageException($"{option}: no column '{name}' in this save (columns: {string.Join(", ", file.Schema.Columns.Select(c => c.Name))})");
        return new ColumnCursor(file, index);
    }

    /// <summary>The cursors to load, the axes' names, and how to read a position from the loaded batch.</summary>
    private sealed record PositionSource(List<ColumnCursor> Cursors, string XName, string YName, Func<int, (double X, double Y)> At);
}
