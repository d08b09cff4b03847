using System.Globalization;
using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Reading;

namespace GameServer.Inspector.Verbs;

/// <summary><c>dump FILE</c>: rows as a table (a range, or one entity).</summary>
internal sealed class DumpVerb : Verb
{
    private const int DefaultRows = 20;

    public override string Name => "dump";

    public override string Summary => "rows of a save as a table (a row range or one entity)";

    public override string Usage => "FILE [--columns a,b] [--rows FROM..TO | --entity ID] [--json]";

    public override string Description => $"""
        Prints rows as a table: row number, then the id column and the selected columns. Vectors print as
        (x, y, z), structs and bytes as hex, long values are cut in the table (not in --json).
        """;

    public override IReadOnlyList<VerbOption> Options =>
    [
        new("--columns", "a,b", "only these columns (id is always included)"),
        new("--rows", "FROM..TO", $"rows FROM (inclusive) to TO (exclusive); either side may be left out (default: the first {DefaultRows} rows)"),
        new("--entity", "ID", "only the row of entity ID"),
    ];

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("FILE");
        if (args.Value("--rows") is not null && args.Value("--entity") is not null) throw new UsageException("use --rows or --entity, not both");
        var entity = ParseEntity(args.Value("--entity"));
        var rows = args.Value("--rows") is { } text ? RowRange.Parse(text) : (RowRange?)null;
        using var file = SaveInput.Open(args.Positionals[0]);
        var cursors = SaveInput.Cursors(file, SaveInput.Columns(file.Schema, args.Value("--columns")));
        var (from, to) = Range(file, rows, entity);

        if (args.Json)
        {
            JsonOutput.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", file.Location);
                w.WriteNumber("entities", file.Header.EntityCount);
                w.WriteStartArray("rows");
                foreach (var (first, count) in RowBatches.Stream(cursors, from, to))
                {
                    for (var i = 0; i < count; i++)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("row", first + i);
                        foreach (var c in cursors)
                        {
                            w.WritePropertyName(c.Name);
                            ValueJson.Write(w, c.Type, c[i]);
                        }

                        w.WriteEndObject();
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return InspectorApp.Ok;
        }

        var table = new TextTable(["row", .. cursors.Select(c => c.Name)]).AlignRight(0);
        for (var c = 0; c < cursors.Count; c++)
        {
            if (ValueText.IsNumeric(cursors[c].Type)) table.AlignRight(c + 1);
        }

        foreach (var (first, count) in RowBatches.Stream(cursors, from, to))
        {
            for (var i = 0; i < count; i++)
                table.Add([(first + i).ToString(CultureInfo.InvariantCulture), .. cursors.Select(c => ValueText.ForTable(c.Type, c[i]))]);
        }

        if (table.RowCount == 0) context.Out.WriteLine(entity is null ? "(no rows)" : $"no entity {entity} in this save");
        else table.Write(context.Out);
        if (entity is null) context.Out.WriteLine($"rows {from}..{to} of {file.Header.EntityCount}");
        return entity is null || table.RowCount > 0 ? InspectorApp.Ok : InspectorApp.Failed;
    }

    private static long? ParseEntity(string? text)
    {
        if (text is null) return null;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"--entity takes an id, not '{text}'");
    }

    private static (int From, int To) Range(SaveFile file, RowRange? rows, long? entity)
    {
        var count = file.Header.EntityCount;
        if (entity is { } id)
        {
            var row = SaveInput.FindRow(file, id);
            return row < 0 ? (0, 0) : (row, row + 1);
        }

        return rows?.Within(count) ?? (0, Math.Min(DefaultRows, count));
    }
}
