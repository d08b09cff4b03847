using System.Globalization;
using System.Text.Json;
using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.World.Schema;

namespace GameServer.Inspector.Verbs;

/// <summary><c>stats FILE</c>: per column min, max, mean, zero count and a small histogram.</summary>
internal sealed class StatsVerb : Verb
{
    public override string Name => "stats";

    public override string Summary => "per column: min, max, mean, zero count, histogram";

    public override string Usage => "FILE [--columns a,b] [--bins N] [--json]";

    public override string Description => """
        Per column: count, min, max, mean, number of zeros and of non-finite values (NaN, infinity), and
        a histogram of N equal-width bins between min and max. Vector columns get one line per component
        (velocity.x, ...); utf8/bytes columns are measured by their length in bytes (zeros = empty);
        struct columns only count all-zero elements. Streams the save block by block, twice.
        """;

    public override IReadOnlyList<VerbOption> Options =>
    [
        new("--columns", "a,b", "only these columns (id is always included)"),
        new("--bins", "N", "histogram bins, 1 to 64 (default 16)"),
    ];

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("FILE");
        var bins = args.IntValue("--bins", 16, 1, 64);
        using var file = SaveInput.Open(args.Positionals[0]);
        var cursors = SaveInput.Cursors(file, SaveInput.Columns(file.Schema, args.Value("--columns")));
        var series = cursors.Select(c => SeriesOf(c, bins)).ToList();
        var count = file.Header.EntityCount;

        foreach (var (_, n) in RowBatches.Stream(cursors, 0, count))
        {
            for (var c = 0; c < cursors.Count; c++) Measure(cursors[c], series[c], n, histogram: false);
        }

        foreach (var (_, n) in RowBatches.Stream(cursors, 0, count))
        {
            for (var c = 0; c < cursors.Count; c++) Measure(cursors[c], series[c], n, histogram: true);
        }

        var all = series.SelectMany(s => s).ToList();
        if (args.Json) JsonOutput.Write(context.Out, w => WriteJson(w, file.Location, count, all));
        else WriteText(context.Out, all);
        return InspectorApp.Ok;
    }

    private static Series[] SeriesOf(ColumnCursor cursor, int bins)
    {
        var type = ColumnTypes.DisplayName(cursor.Type);
        if (cursor.Definition.IsVariableLength) return [new Series(cursor.Name + " (length)", type, true, bins)];
        var components = Scalars.Components(cursor.Type);
        if (components == 0) return [new Series(cursor.Name, type, false, bins)];
        if (components == 1) return [new Series(cursor.Name, type, true, bins)];
        return Enumerable.Range(0, components).Select(i => new Series($"{cursor.Name}.{Scalars.ComponentName(i)}", "f32", true, bins)).ToArray();
    }

    private static void Measure(ColumnCursor cursor, Series[] series, int rows, bool histogram)
    {
        for (var i = 0; i < rows; i++)
        {
            var element = cursor[i];
            if (cursor.Definition.IsVariableLength)
            {
                Add(series[0], element.Length, histogram);
            }
            else if (!series[0].Numeric)
            {
                if (!histogram) series[0].AddOpaque(!element.ContainsAnyExcept((byte)0));
            }
            else
            {
                for (var s = 0; s < series.Length; s++) Add(series[s], Scalars.Get(cursor.Type, element, s), histogram);
            }
        }
    }

    private static void Add(Series series, double value, bool histogram)
    {
        if (histogram) series.Bin(value);
        else series.Add(value);
    }

    /// <summary>Plain digits for a table (no exponent below 1e15), up to six decimals.</summary>
    private static string Num(Series s, double value)
    {
        if (!s.Numeric || s.Finite == 0) return "-";
        return value.ToString(Math.Abs(value) >= 1e15 ? "G6" : "0.######", CultureInfo.InvariantCulture);
    }

    private static void WriteText(TextWriter output, List<Series> all)
    {
        var table = new TextTable("column", "type", "count", "min", "max", "mean", "zeros", "non-finite", "histogram")
            .AlignRight("count", "min", "max", "mean", "zeros", "non-finite");
        foreach (var s in all)
            table.Add(s.Name, s.Type, Units.Count(s.Count), Num(s, s.Min), Num(s, s.Max), Num(s, s.Mean), Units.Count(s.Zeros), Units.Count(s.NonFinite), s.Sparkline());
        table.Write(output);
    }

    private static void WriteJson(Utf8JsonWriter w, string path, int entities, List<Series> all)
    {
        w.WriteStartObject();
        w.WriteString("file", path);
        w.WriteNumber("entities", entities);
        w.WriteStartArray("columns");
        foreach (var s in all)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("type", s.Type);
            w.WriteNumber("count", s.Count);
            w.WriteNumber("zeros", s.Zeros);
            if (s.Numeric)
            {
                w.WriteNumber("nonFinite", s.NonFinite);
                if (s.Finite > 0)
                {
                    w.WriteNumber("min", s.Min);
                    w.WriteNumber("max", s.Max);
                    w.WriteNumber("mean", s.Mean);
                }

                w.WriteStartArray("histogram");
                foreach (var b in s.Bins) w.WriteNumberValue(b);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
