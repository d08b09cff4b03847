using GameServer.Cli;
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
    public const int Ok = ExitCodes.Ok;

    /// <summary>Exit code for bad input: missing, damaged or invalid saves, unwritable output.</summary>
    public const int Failed = ExitCodes.Failed;

    /// <summary>Exit code for a wrong command line.</summary>
    public const int Usage = ExitCodes.Usage;

    private static readonly Verb[] s_verbs =
    [
        new ListVerb(), new InfoVerb(), new VerifyVerb(), new DumpVerb(),
        new DiffVerb(), new StatsVerb(), new ExportVerb(), new MapVerb(), new CompactVerb(),
    ];

    /// <summary>Runs the command line <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        // 'saveinspect help [verb]' is the same as 'saveinspect [verb] --help'.
        if (args is ["help", .. var topic]) args = [.. topic.Take(1), "--help"];
        return ToolCommandLine.Run(CreateCommand(), args, stdout, stderr);
    }

    /// <summary>The inspector's command tree: one verb per <see cref="Verb"/>, plus <c>--help</c> and <c>--version</c>.</summary>
    internal static ToolCommand CreateCommand()
    {
        var root = ToolCommandLine.CreateRoot("saveinspect", "See, verify, diff and export what is in a save (.gsav).", typeof(InspectorApp).Assembly);
        root.Usage = "<verb> [arguments] [options]";
        root.Epilogue = """
            Every verb prints aligned tables by default and JSON with --json.
            Exit codes: 0 ok, 1 bad or invalid input, 2 bad usage.
            Run 'saveinspect <verb> --help' for a verb's options.
            """;
        foreach (var verb in s_verbs) root.Subcommands.Add(VerbCommand.Create(verb, RunVerb));
        return root;
    }

    private static int RunVerb(Verb verb, VerbArgs args, VerbContext context)
    {
        try
        {
            return verb.Run(args, context);
        }
        catch (UsageException)
        {
            throw; // the shared convention reports it: one line naming the verb, exit code 2
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

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
