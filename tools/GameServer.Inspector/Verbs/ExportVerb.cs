using System.Text;
using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Reading;

namespace GameServer.Inspector.Verbs;

/// <summary><c>export FILE --format csv|json|ndjson</c>: the save's rows, streamed block by block.</summary>
internal sealed class ExportVerb : Verb
{
    public override string Name => "export";

    public override string Summary => "rows as CSV, JSON or NDJSON, streamed block by block";

    public override string Usage => "FILE --format csv|json|ndjson [-o OUT] [--columns a,b] [--rows FROM..TO] [--json]";

    public override string Description => """
        Writes every entity (or the selected rows) with every column (or the selected ones; id is always
        included). Streams: only one decoded block (<= 1 MiB) per selected column buffer and one batch of
        rows are in memory, so a save larger than memory exports fine.

        Values: numbers as numbers (NaN and infinities as strings in JSON), bool as true/false, vectors as
        arrays in JSON and one field per component in CSV (velocity.x, ...), utf8 as text, bytes as
        base64, struct as 0x-prefixed hex.
        """;

    public override IReadOnlyList<VerbOption> Options =>
    [
        new("--format", "F", "csv, json (one document with a \"rows\" array) or ndjson (one object per line)"),
        new("--output", "OUT", "write to OUT instead of stdout (a summary goes to stdout; --json makes it JSON)", "-o"),
        new("--columns", "a,b", "only these columns"),
        new("--rows", "FROM..TO", "only these rows (end exclusive)"),
    ];

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("FILE");
        var format = args.Value("--format") ?? throw new UsageException("--format is required (csv, json or ndjson)");
        if (format is not ("csv" or "json" or "ndjson")) throw new UsageException($"--format must be csv, json or ndjson, not '{format}'");
        var outPath = args.Value("--output");
        var rows = args.Value("--rows") is { } text ? RowRange.Parse(text) : new RowRange(0, null);

        using var file = SaveInput.Open(args.Positionals[0]);
        var cursors = SaveInput.Cursors(file, SaveInput.Columns(file.Schema, args.Value("--columns")));
        var (from, to) = rows.Within(file.Header.EntityCount);
        if (outPath is null)
        {
            Export(file, cursors, from, to, format, context.Out);
            return InspectorApp.Ok;
        }

        ExportToFile(file, cursors, from, to, format, outPath);
        if (args.Json)
        {
            JsonOutput.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", file.Location);
                w.WriteString("output", Path.GetFullPath(outPath));
                w.WriteString("format", format);
                w.WriteNumber("rows", to - from);
                w.WriteNumber("columns", cursors.Count);
                w.WriteEndObject();
            });
        }
        else
        {
            context.Out.WriteLine($"exported {to - from} rows x {cursors.Count} columns as {format} to {outPath}");
        }

        return InspectorApp.Ok;
    }

    private static void ExportToFile(SaveFile file, List<ColumnCursor> cursors, int from, int to, string format, string outPath)
    {
        try
        {
            using var writer = new StreamWriter(outPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
            Export(file, cursors, from, to, format, writer);
        }
        catch (Exception e)
        {
            // A half-written export looks complete to the next tool; do not leave one behind.
            TryDelete(outPath);
            if (e is IOException or UnauthorizedAccessException) throw new InspectException($"{outPath}: cannot write: {e.Message}");
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void Export(SaveFile file, List<ColumnCursor> cursors, int from, int to, string format, TextWriter output)
    {
        using IRowWriter writer = format == "csv" ? new CsvRowWriter(output) : new JsonRowWriter(output, file, lines: format == "ndjson");
        writer.Begin(cursors);
        foreach (var (first, count) in RowBatches.Stream(cursors, from, to)) writer.WriteBatch(cursors, first, count);
        writer.End();
    }
}
