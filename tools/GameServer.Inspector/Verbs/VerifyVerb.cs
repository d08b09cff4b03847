using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;

namespace GameServer.Inspector.Verbs;

/// <summary><c>verify FILE|DIR...</c>: trailer, header and every block checksum of each save.</summary>
internal sealed class VerifyVerb : Verb
{
    public override string Name => "verify";

    public override string Summary => "check trailer, header and every block checksum; exit 1 if any save is bad";

    public override string Usage => "FILE|DIR [FILE|DIR...] [--decode] [--json]";

    public override string Description => """
        Checks each save's preamble, trailer, header checksum and every data block's checksum. A folder
        is searched (with its subfolders) for .gsav files. Prints 'ok' or the exact reason (and byte
        offset, where the problem has one) per file, then a summary line such as '3 saves: 2 ok, 1 bad';
        each failure is also written to stderr.
        """;

    public override IReadOnlyList<VerbOption> Options =>
    [
        new("--decode", null, "also decompress every block and check variable-length offsets (slower)"),
    ];

    public override string? Epilogue => "Exit code: 0 when every save is valid, 1 when any is not (or no save was found).";

    public override int Run(VerbArgs args, VerbContext context)
    {
        if (args.Positionals.Count == 0) throw new UsageException("missing FILE or DIR");
        var files = args.Positionals.SelectMany(Expand).ToList();
        var results = files.Select(f => (File: f, Error: Verify(f, args.Has("--decode")))).ToList();

        if (args.Json)
        {
            JsonOutput.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("valid", results.Count(r => r.Error is null));
                w.WriteNumber("invalid", results.Count(r => r.Error is not null));
                w.WriteStartArray("files");
                foreach (var (file, error) in results)
                {
                    w.WriteStartObject();
                    w.WriteString("path", file);
                    w.WriteBoolean("ok", error is null);
                    if (error is not null)
                    {
                        w.WriteString("reason", error.Reason);
                        if (error.Offset is { } offset) w.WriteNumber("offset", offset);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else
        {
            var table = new TextTable("result", "file", "reason");
            foreach (var (file, error) in results) table.Add(error is null ? "ok" : "FAIL", file, Reason(error));
            table.Write(context.Out);
            var bad = results.Count(r => r.Error is not null);
            context.Out.WriteLine($"{results.Count} save{(results.Count == 1 ? "" : "s")}: {results.Count - bad} ok, {bad} bad");
        }

        foreach (var (_, error) in results.Where(r => r.Error is not null))
            context.Error.WriteLine($"saveinspect: {error!.Message.ReplaceLineEndings(" ")}");
        if (files.Count == 0) context.Error.WriteLine($"saveinspect: no {SaveFormat.Extension} files in {string.Join(", ", args.Positionals)}");
        return files.Count > 0 && results.All(r => r.Error is null) ? InspectorApp.Ok : InspectorApp.Failed;
    }

    private static string Reason(SaveFormatException? error) => error switch
    {
        null => "",
        { Offset: { } offset } => $"{error.Reason} (at byte {offset})",
        _ => error.Reason,
    };

    private static SaveFormatException? Verify(string path, bool decode)
    {
        var (store, name) = SaveInput.StoreOf(path);
        return SaveVerifier.VerifyAsync(store, name, decode).GetAwaiter().GetResult();
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (!Directory.Exists(path)) return [path]; // a missing file is reported by the reader, in its words
        return Directory.EnumerateFiles(path, "*" + SaveFormat.Extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal);
    }
}
