using GameServer.Inspector.Cli;
using GameServer.Inspector.Output;
using GameServer.Inspector.Reading;
using GameServer.Persistence.Codecs;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage.Local;
using GameServer.Persistence.Writing;

namespace GameServer.Inspector.Verbs;

/// <summary><c>compact FILE -o OUT</c>: writes the full save a delta stands for (its chain decoded and re-encoded).</summary>
internal sealed class CompactVerb : Verb
{
    public override string Name => "compact";

    public override string Summary => "write the full save a delta save stands for (reads its chain)";

    public override string Usage => "FILE -o OUT [--json]";

    public override string Description => """
        Reads FILE through its chain (a delta: its base, down to the full save, each link checked by id and
        checksums) and writes the world state it stands for as one full save OUT (zstd-1 + shuffle), which
        needs no other file. OUT must not exist. A full FILE is re-encoded the same way.
        """;

    public override IReadOnlyList<VerbOption> Options =>
    [
        new("--output", "OUT", "the full save to write (required)", "-o"),
    ];

    public override int Run(VerbArgs args, VerbContext context)
    {
        args.ExpectPositionals("FILE");
        var outPath = args.Value("--output") ?? throw new UsageException("-o OUT is required");
        var full = Path.GetFullPath(outPath);
        if (File.Exists(full) || Directory.Exists(full)) throw new InspectException($"{outPath}: exists already; compact never overwrites");
        var (file, save, bytes) = SaveInput.Compact(args.Positionals[0], SaveCodecOptions.Default);
        using (file)
        {
            var folder = Path.GetDirectoryName(full) ?? ".";
            new LocalFolderStore(folder).PutAsync(Path.GetFileName(full), (stream, ct) => stream.WriteAsync(bytes, ct).AsTask()).GetAwaiter().GetResult();
            var written = SaveVerifier.VerifyAsync(LocalFolderStore.OpenReadOnly(folder), Path.GetFileName(full), decode: true).GetAwaiter().GetResult();
            if (written is not null) throw written;
            if (args.Json)
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("file", full);
                    w.WriteNumber("entities", save.Header.EntityCount);
                    w.WriteNumber("tick", save.Header.Tick);
                    w.WriteNumber("bytes", save.FileLength);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine($"wrote {full}: full save of tick {save.Header.Tick}, {save.Header.EntityCount:N0} entities, {save.FileLength:N0} bytes");
            }
        }

        return InspectorApp.Ok;
    }
}
