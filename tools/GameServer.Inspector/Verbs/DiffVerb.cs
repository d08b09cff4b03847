using System.Text.Json;
using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;

namespace GameServer.Inspector.Verbs;

/// <summary><c>diff A B</c>: entities added, removed and changed between two saves, matched by id.</summary>
internal sealed class DiffVerb : Verb
{
    public override string Name => "diff";

    public override string Summary => "entities added, removed and changed between two saves (matched by id)";

    public override string Usage => "A B [--limit N] [--json]";

    public override string Description => """
        Answers "what changed between these two saves?": entities added (in B only) and removed (in A
        only), per-column counts of entities whose value changed, then the first changed entities with
        their old and new values. Columns only in one save, or whose type changed, are listed and not
        compared. Exit code 0 whether or not the saves differ.
        """;

    public override IReadOnlyList<VerbOption> Options =>
    [
        new("--limit", "N", "how many added/removed ids and changed entities to show, 0 to 10000 (default 10)"),
    ];

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("A", "B");
        var limit = args.IntValue("--limit", 10, 0, 10_000);
        using var a = SaveInput.Open(args.Positionals[0]);
        using var b = SaveInput.Open(args.Positionals[1]);
        var diff = SaveDiff.Compute(a, b, limit);
        if (args.Json) JsonOutput.Write(context.Out, w => WriteJson(w, diff, limit));
        else WriteText(context.Out, diff, limit);
        return InspectorApp.Ok;
    }

    private static void WriteText(TextWriter o, SaveDiff d, int limit)
    {
        o.WriteLine($"A: {d.A.Location} (tick {d.A.Header.Tick}, {d.A.Header.EntityCount} entities)");
        o.WriteLine($"B: {d.B.Location} (tick {d.B.Header.Tick}, {d.B.Header.EntityCount} entities)");
        o.WriteLine($"entities: {d.Added.Count} added, {d.Removed.Count} removed, {d.ChangedEntities} changed, {d.Matched - d.ChangedEntities} unchanged");
        if (d.Added.Count > 0) o.WriteLine($"added ids: {Ids(d.Added, limit)}");
        if (d.Removed.Count > 0) o.WriteLine($"removed ids: {Ids(d.Removed, limit)}");
        if (d.OnlyInA.Count > 0) o.WriteLine($"columns only in A: {string.Join(", ", d.OnlyInA)}");
        if (d.OnlyInB.Count > 0) o.WriteLine($"columns only in B: {string.Join(", ", d.OnlyInB)}");
        if (d.TypeChanged.Count > 0) o.WriteLine($"columns whose type changed (not compared): {string.Join(", ", d.TypeChanged)}");
        o.WriteLine();

        var columns = new TextTable("column", "changed").AlignRight("changed");
        foreach (var (name, changed) in d.Columns) columns.Add(name, Units.Count(changed));
        columns.Write(o);
        if (d.Samples.Count == 0) return;

        o.WriteLine();
        o.WriteLine(d.ChangedEntities > d.Samples.Count ? $"first {d.Samples.Count} changed entities:" : "changed entities:");
        var samples = new TextTable("id", "column", "A", "B").AlignRight("id");
        foreach (var (id, changes) in d.Samples)
        {
            foreach (var (column, before, after) in changes) samples.Add(Units.Count(id), column, before, after);
        }

        samples.Write(o);
    }

    private static string Ids(List<long> ids, int limit) =>
        string.Join(", ", ids.Take(limit)) + (ids.Count > limit ? $", ... ({ids.Count - limit} more)" : "");

    private static void WriteJson(Utf8JsonWriter w, SaveDiff d, int limit)
    {
        w.WriteStartObject();
        Side(w, "a", d.A);
        Side(w, "b", d.B);
        w.WriteNumber("added", d.Added.Count);
        w.WriteNumber("removed", d.Removed.Count);
        w.WriteNumber("changed", d.ChangedEntities);
        w.WriteNumber("unchanged", d.Matched - d.ChangedEntities);
        Array(w, "addedIds", d.Added.Take(limit));
        Array(w, "removedIds", d.Removed.Take(limit));
        Array(w, "columnsOnlyInA", d.OnlyInA);
        Array(w, "columnsOnlyInB", d.OnlyInB);
        Array(w, "columnsWithChangedType", d.TypeChanged);
        w.WriteStartObject("columns");
        foreach (var (name, changed) in d.Columns) w.WriteNumber(name, changed);
        w.WriteEndObject();
        w.WriteStartArray("samples");
        foreach (var (id, changes) in d.Samples)
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteStartObject("changes");
            foreach (var (column, before, after) in changes)
            {
                w.WriteStartObject(column);
                w.WriteString("a", before);
                w.WriteString("b", after);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Side(Utf8JsonWriter w, string name, Persistence.Reading.SaveFile file)
    {
        w.WriteStartObject(name);
        w.WriteString("path", file.Location);
        w.WriteNumber("tick", file.Header.Tick);
        w.WriteNumber("entities", file.Header.EntityCount);
        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, string name, IEnumerable<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void Array(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
