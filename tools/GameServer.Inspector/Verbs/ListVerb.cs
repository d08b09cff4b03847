using System.Text.Json;
using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Format;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage.Local;

namespace GameServer.Inspector.Verbs;

/// <summary><c>list DIR</c>: every save of a world folder, or of every world under a saves folder.</summary>
internal sealed class ListVerb : Verb
{
    public override string Name => "list";

    public override string Summary => "saves of a world (or of all worlds under a saves folder), newest first";

    public override string Usage => "DIR|azblob:CONTAINER/PREFIX [--json]";

    public override string Description => """
        DIR is a world folder (holding .gsav files) or a saves folder whose subfolders are worlds; an
        azblob: address is the same in Azure Blob Storage (account from GAMESERVER_AZURE_CONNECTION_STRING).
        Per save, newest first (by the header's save sequence, not the clock): world, file name (a delta's
        indented), kind (auto/manual), chain (full, or delta K: the K-th delta after its full save), base
        (the save a delta is based on, flagged missing, replaced or unreadable when it is not there as the
        delta names it), tick, capture time (UTC), entities, stored size, compression ratio (raw/stored),
        and whether its header checks out, or names the other world a copied-in save belongs to. Reads
        headers only; use 'verify' to check the data blocks (of a delta's whole chain).
        """;

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("DIR");
        var dir = args.Positionals[0];
        if (dir.StartsWith("azblob:", StringComparison.Ordinal))
        {
            var remote = BlobSaves(dir);
            if (args.Json) JsonOutput.Write(context.Out, w => WriteJson(w, dir, remote));
            else if (remote.Count == 0) context.Out.WriteLine($"no saves in {dir}");
            else WriteText(context.Out, remote);
            return InspectorApp.Ok;
        }

        if (File.Exists(dir)) throw new InspectException($"{dir}: is a file; list takes a folder (use 'info' for one save)");
        if (!Directory.Exists(dir)) throw new InspectException($"{dir}: no such folder");

        var saves = WorldFolders(dir)
            .SelectMany(world => SaveCatalog.ListAsync(LocalFolderStore.OpenReadOnly(world)).GetAwaiter().GetResult().Select(entry => (World: Path.GetFileName(world), Entry: entry)))
            .ToList();
        if (args.Json) JsonOutput.Write(context.Out, w => WriteJson(w, dir, saves));
        else if (saves.Count == 0) context.Out.WriteLine($"no saves in {dir}");
        else WriteText(context.Out, saves);
        return InspectorApp.Ok;
    }

    /// <summary>
    /// Saves under <c>azblob:CONTAINER/PREFIX</c>: of every world under the prefix, or of the prefix itself when
    /// its last segment is a world (read-only: no lease, nothing written).
    /// </summary>
    private static List<(string World, SaveEntry Entry)> BlobSaves(string text)
    {
        StoreAddress address;
        try
        {
            address = StoreAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new InspectException(e.Message);
        }

        try
        {
            var saves = new List<(string World, SaveEntry Entry)>();
            foreach (var world in address.ListWorldsAsync().GetAwaiter().GetResult())
                saves.AddRange(Catalog(address, world));
            var slash = address.Prefix.LastIndexOf('/');
            if (saves.Count == 0 && address.Prefix.Length > 0)
            {
                var parent = address with { Prefix = slash < 0 ? "" : address.Prefix[..slash] };
                saves.AddRange(Catalog(parent, address.Prefix[(slash + 1)..]));
            }

            return saves;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            throw new InspectException($"{text}: {e.Message}");
        }
    }

    private static IEnumerable<(string World, SaveEntry Entry)> Catalog(StoreAddress address, string world) =>
        SaveCatalog.ListAsync(address.Open(world, readOnly: true)).GetAwaiter().GetResult().Select(entry => (world, entry));

    /// <summary>The folder itself when it holds saves, else its subfolders that do.</summary>
    public static IEnumerable<string> WorldFolders(string dir)
    {
        if (HasSaves(dir)) return [Path.GetFullPath(dir)];
        return Directory.EnumerateDirectories(dir).Where(HasSaves).Select(Path.GetFullPath).Order(StringComparer.Ordinal);
    }

    private static bool HasSaves(string dir) => Directory.EnumerateFiles(dir, "*" + SaveFormat.Extension).Any();

    /// <summary>
    /// Why <paramref name="entry"/> belongs to another world than the one it is listed under, or null. The folder's
    /// world is the one named after the folder when a save carries that name (as the server lays folders out),
    /// else the newest save's; its id is the newest such save's (<see cref="WorldIdentity.Resolve"/>).
    /// </summary>
    private static string? Foreign(List<(string World, SaveEntry Entry)> saves, string world, SaveEntry entry)
    {
        if (entry.Header is null) return null;
        var entries = saves.Where(s => s.World == world).Select(s => s.Entry).ToList();
        var name = entries.Any(e => e.WorldName == world) ? world : entries.FirstOrDefault(e => e.WorldName is not null)?.WorldName ?? world;
        return WorldIdentity.Resolve(name, entries).WhyForeign(entry.Header);
    }

    /// <summary>The catalog's error without the leading path: the row already names the file.</summary>
    private static string Reason(SaveEntry entry)
    {
        var prefix = entry.Location + ": ";
        return entry.Error!.StartsWith(prefix, StringComparison.Ordinal) ? entry.Error[prefix.Length..] : entry.Error;
    }

    // Chain positions are resolved per world: a delta's base lies in its own world's folder.
    private static List<ChainLink> Links(List<(string World, SaveEntry Entry)> saves)
    {
        var links = new ChainLink[saves.Count];
        foreach (var world in saves.Select((s, i) => (s.World, s.Entry, Index: i)).GroupBy(s => s.World, StringComparer.Ordinal))
        {
            var members = world.ToList();
            var described = ChainLink.Of(members.Select(m => m.Entry).ToList());
            for (var i = 0; i < members.Count; i++) links[members[i].Index] = described[i];
        }

        return [.. links];
    }

    private static string ChainText(SaveEntry e, ChainLink link) => e.Header is null ? "-" : link.Index == 0 ? "full" : $"delta {link.Index}";

    private static string BaseText(ChainLink link) => link.BaseName is null ? "-" : link.BaseProblem is null ? link.BaseName : $"{link.BaseName} ({link.BaseProblem})";

    private static void WriteText(TextWriter output, List<(string World, SaveEntry Entry)> saves)
    {
        var table = new TextTable("world", "name", "kind", "chain", "base", "tick", "time (UTC)", "entities", "stored", "ratio", "header")
            .AlignRight("tick", "entities", "stored", "ratio");
        var links = Links(saves);
        for (var i = 0; i < saves.Count; i++)
        {
            var (world, e) = saves[i];
            var h = e.Header;
            table.Add(
                world,
                links[i].Index > 0 ? "  " + e.FileName : e.FileName,
                e.Kind.ToString().ToLowerInvariant(),
                ChainText(e, links[i]),
                BaseText(links[i]),
                Units.Count(e.Tick),
                Units.Time(e.CapturedAtUtc),
                h is null ? "-" : Units.Count(h.EntityCount),
                ByteSize.Format(e.FileLength),
                h is null ? "-" : Units.RatioText(h.RawBytes, h.StoredBytes),
                !e.HeaderOk ? "BAD: " + Reason(e) : Foreign(saves, world, e) is { } foreign ? "ok; " + foreign : "ok");
        }

        table.Write(output);
    }

    private static void WriteJson(Utf8JsonWriter w, string dir, List<(string World, SaveEntry Entry)> saves)
    {
        w.WriteStartObject();
        w.WriteString("folder", dir.StartsWith("azblob:", StringComparison.Ordinal) ? dir : Path.GetFullPath(dir));
        w.WriteStartArray("saves");
        var links = Links(saves);
        for (var i = 0; i < saves.Count; i++)
        {
            var (world, e) = saves[i];
            var link = links[i];
            w.WriteStartObject();
            w.WriteString("world", world);
            w.WriteString("name", e.FileName);
            w.WriteString("path", e.Location);
            w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
            w.WriteNumber("tick", e.Tick);
            w.WriteTime("capturedAtUtc", e.CapturedAtUtc);
            if (e.Header is { } h)
            {
                w.WriteNumber("entities", h.EntityCount);
                w.WriteNumber("rawBytes", h.RawBytes);
                w.WriteNumber("ratio", Units.Ratio(h.RawBytes, h.StoredBytes));
            }

            if (e.SaveId is { } id) w.WriteString("saveId", id.ToString("D"));
            else w.WriteNull("saveId");
            if (e.Header is not null) w.WriteNumber("chainIndex", link.Index);
            else w.WriteNull("chainIndex");
            if (link.BaseName is null)
            {
                w.WriteNull("baseSave");
                w.WriteNull("baseSaveId");
            }
            else
            {
                w.WriteString("baseSave", link.BaseName);
                w.WriteString("baseSaveId", e.Header!.BaseSaveId.ToString("D"));
            }

            if (link.BaseProblem is null) w.WriteNull("baseProblem");
            else w.WriteString("baseProblem", link.BaseProblem);
            if (link.Root is null) w.WriteNull("chainFull");
            else w.WriteString("chainFull", link.Root);
            w.WriteNumber("sequence", e.Sequence);
            if (e.WorldName is { } worldName) w.WriteString("worldName", worldName);
            if (e.WorldId is { } worldId) w.WriteString("worldId", worldId.ToString("D"));
            else w.WriteNull("worldId");
            if (Foreign(saves, world, e) is { } foreign) w.WriteString("foreign", foreign);
            w.WriteNumber("fileBytes", e.FileLength);
            w.WriteBoolean("headerOk", e.HeaderOk);
            if (e.Error is not null) w.WriteString("error", Reason(e));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
