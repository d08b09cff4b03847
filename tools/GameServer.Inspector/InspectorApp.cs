using GameServer.Inspector.Cli;
using GameServer.Inspector.Verbs;
using GameServer.Persistence.Format;

namespace GameServer.Inspector;

/// <summary>
/// The inspector's entry point: picks the verb, parses its options, runs it, and turns every failure into
/// one line on stderr and an exit code (0 ok, 1 bad or invalid input, 2 bad usage).
/// </summary>
/// <remarks>Takes its writers as arguments so tests run it in-process.</remarks>
public static class InspectorApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for bad input: missing, damaged or invalid saves, unwritable output.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for a wrong command line.</summary>
    public const int Usage = 2;

    private static readonly Verb[] s_verbs =
    [
        new ListVerb(), new InfoVerb(), new VerifyVerb(), new DumpVerb(),
        new DiffVerb(), new StatsVerb(), new ExportVerb(), new MapVerb(),
    ];

    /// <summary>Runs the command line <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0)
        {
            stderr.Write(GlobalHelp());
            return Usage;
        }

        if (args[0] is "--help" or "-h" or "help")
        {
            var topic = args.Length > 1 ? Find(args[1]) : null;
            stdout.Write(topic?.Help ?? GlobalHelp());
            return Ok;
        }

        var verb = Find(args[0]);
        if (verb is null)
        {
            stderr.WriteLine($"saveinspect: unknown verb '{args[0]}' (verbs: {string.Join(", ", s_verbs.Select(v => v.Name))}; see saveinspect --help)");
            return Usage;
        }

        return RunVerb(verb, args[1..], new VerbContext(stdout, stderr));
    }

    private static int RunVerb(Verb verb, string[] args, VerbContext context)
    {
        try
        {
            var parsed = ArgumentParser.Parse(args, verb);
            if (parsed.Help)
            {
                context.Out.Write(verb.Help);
                return Ok;
            }

            return verb.Run(parsed, context);
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"saveinspect {verb.Name}: {OneLine(e.Message)} (see saveinspect {verb.Name} --help)");
            return Usage;
        }
        catch (SaveFormatException e)
        {
            context.Error.WriteLine($"saveinspect: {OneLine(e.Message)}");
            return Failed;
        }
        catch (InspectException e)
        {
            context.Error.WriteLine($"saveinspect: {OneLine(e.Message)}");
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"saveinspect: {OneLine(e.Message)}");
            return Failed;
        }
        catch (Exception e)
        {
            // Never a stack trace: a tool for operators says what broke in one line.
            context.Error.WriteLine($"saveinspect: unexpected error ({e.GetType().Name}): {OneLine(e.Message)}");
            return Failed;
        }
    }

    private static Verb? Find(string name) => s_verbs.FirstOrDefault(v => v.Name == name);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string GlobalHelp()
    {
        var width = s_verbs.Max(v => v.Name.Length);
        var lines = s_verbs.Select(v => $"  {v.Name.PadRight(width)}  {v.Summary}");
        return $"""
            saveinspect: see, verify, diff and export what is in a save (.gsav).

            Usage: saveinspect <verb> [arguments] [--json] [--help]

            Verbs:
            {string.Join(Environment.NewLine, lines)}

            Every verb prints aligned tables by default and JSON with --json.
            Exit codes: 0 ok, 1 bad or invalid input, 2 bad usage.
            Run 'saveinspect <verb> --help' for a verb's options.

            """;
    }
}
