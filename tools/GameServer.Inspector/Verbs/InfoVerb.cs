using System.Text.Json;
using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.World.Schema;

namespace GameServer.Inspector.Verbs;

/// <summary><c>info FILE</c>: the header, and per column its type and raw and stored bytes.</summary>
internal sealed class InfoVerb : Verb
{
    public override string Name => "info";

    public override string Summary => "header of a save: version, world, tick, time, entities, codec, columns";

    public override string Usage => "FILE [--json]";

    public override string Description => """
        Prints a save's header: format version, save id ('none' for saves written before ids), full or
        delta (its chain index and the save it is based on), world, kind, tick, capture time (UTC), entity count, codec and writer, then per column its name, type,
        raw and stored bytes, ratio and block count.
        Reads the header only; use 'verify' to check the data blocks.
        """;

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("FILE");
        using var file = SaveInput.OpenRaw(args.Positionals[0]);
        if (args.Json) JsonOutput.Write(context.Out, w => WriteJson(w, file));
        else WriteText(context.Out, file);
        return InspectorApp.Ok;
    }

    private static void WriteText(TextWriter output, SaveFile file)
    {
        var h = file.Header;
        var facts = new TextTable("field", "value");
        facts.Add("file", file.Location);
        facts.Add("format", $"v{file.FormatVersion}");
        facts.Add("id", h.SaveId == Guid.Empty ? "none" : h.SaveId.ToString("D"));
        facts.Add("save", h.IsDelta ? $"delta {h.ChainIndex} of its chain, based on {h.BaseFileName} ({h.BaseSaveId:D})" : "full");
        facts.Add("world", WorldIdentity.Describe(h.WorldName, h.WorldId));
        facts.Add("sequence", h.Sequence == 0 ? "none" : Units.Count(h.Sequence));
        facts.Add("kind", h.Label.Length == 0 ? h.Kind : $"{h.Kind} ({h.Label})");
        facts.Add("tick", Units.Count(h.Tick));
        facts.Add("captured", Units.Time(h.CapturedAtUtc));
        facts.Add("entities", Units.Count(h.EntityCount));
        facts.Add("next id", Units.Count(h.NextId));
        facts.Add("codec", h.Codec);
        facts.Add("writer", h.Writer);
        facts.Add("size", $"{ByteSize.Format(file.FileLength)} on disk, {ByteSize.Format(h.RawBytes)} raw ({Units.RatioText(h.RawBytes, h.StoredBytes)})");
        facts.Write(output);
        output.WriteLine();

        var columns = new TextTable("column", "type", "raw bytes", "stored bytes", "ratio", "blocks").AlignRight("raw bytes", "stored bytes", "ratio", "blocks");
        foreach (var c in h.Columns)
            columns.Add(c.Name, TypeName(c), Units.Count(c.RawBytes), Units.Count(c.StoredBytes), Units.RatioText(c.RawBytes, c.StoredBytes), Units.Count(c.Buffers.Sum(b => b.Blocks.Count)));
        columns.Write(output);
    }

    private static void WriteJson(Utf8JsonWriter w, SaveFile file)
    {
        var h = file.Header;
        w.WriteStartObject();
        w.WriteString("file", file.Location);
        w.WriteNumber("formatVersion", file.FormatVersion);
        if (h.SaveId == Guid.Empty) w.WriteNull("saveId");
        else w.WriteString("saveId", h.SaveId.ToString("D"));
        w.WriteNumber("chainIndex", h.ChainIndex);
        if (h.IsDelta) w.WriteString("baseSave", h.BaseFileName);
        else w.WriteNull("baseSave");
        w.WriteString("world", h.WorldName);
        if (h.WorldId == Guid.Empty) w.WriteNull("worldId");
        else w.WriteString("worldId", h.WorldId.ToString("D"));
        w.WriteNumber("sequence", h.Sequence);
        w.WriteString("kind", h.Kind);
        w.WriteString("label", h.Label);
        w.WriteNumber("tick", h.Tick);
        w.WriteTime("capturedAtUtc", h.CapturedAtUtc);
        w.WriteNumber("entities", h.EntityCount);
        w.WriteNumber("nextId", h.NextId);
        w.WriteString("codec", h.Codec);
        w.WriteString("writer", h.Writer);
        w.WriteNumber("fileBytes", file.FileLength);
        w.WriteNumber("rawBytes", h.RawBytes);
        w.WriteNumber("storedBytes", h.StoredBytes);
        w.WriteStartArray("columns");
        foreach (var c in h.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", TypeName(c));
            w.WriteNumber("elementSize", c.ElementSize);
            w.WriteNumber("rawBytes", c.RawBytes);
            w.WriteNumber("storedBytes", c.StoredBytes);
            w.WriteNumber("blocks", c.Buffers.Sum(b => b.Blocks.Count));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>"f32", "vec3", "struct[24]"...: the names the rest of the tools use.</summary>
    public static string TypeName(SavedColumn column)
    {
        var type = (ColumnType)column.Type;
        return ColumnTypes.DisplayName(type) + (type == ColumnType.Struct ? $"[{column.ElementSize}]" : "");
    }
}
