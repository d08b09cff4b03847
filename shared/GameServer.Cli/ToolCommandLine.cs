using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;

namespace GameServer.Cli;

/// <summary>
/// The project's command-line convention over System.CommandLine, shared by every tool: <c>-h/--help</c> on
/// every verb (never runs work), <c>--version</c>, one stderr line and exit code 2 for any usage error
/// ("unknown option '--sed' (did you mean --seed?)"), and work errors left to the tool.
/// </summary>
/// <remarks>
/// A tool builds its tree with <see cref="CreateRoot"/> and <see cref="ToolCommand"/> verbs whose actions
/// return exit codes, then calls <see cref="Run"/>; a tool without verbs that wants the options back calls
/// <see cref="Parse"/> instead. Writers are parameters so tests run tools in-process.
/// </remarks>
public static class ToolCommandLine
{
    /// <summary>The root command of tool <paramref name="tool"/>, with <c>--help</c> and <c>--version</c>.</summary>
    /// <param name="tool">The tool's command name (<c>saveinspect</c>), shown in usage lines and errors.</param>
    /// <param name="description">What the tool does, shown under the usage line.</param>
    /// <param name="versionOf">An assembly of the tool; its informational version is printed by <c>--version</c>.</param>
    public static ToolCommand CreateRoot(string tool, string description, Assembly versionOf)
    {
        var root = new ToolCommand(tool, description);
        AddStandardOptions(root, versionOf);
        return root;
    }

    /// <summary>Adds <c>-h/--help</c> (to <paramref name="root"/> and all its verbs) and <c>--version</c>.</summary>
    public static void AddStandardOptions(Command root, Assembly versionOf)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(versionOf);
        root.Options.Add(new HelpOption("--help", "-h") { Description = "show this help", Recursive = true, Action = new HelpTextAction() });
        root.Options.Add(new VersionOption("--version") { Description = "show the version", Action = new VersionAction(ToolVersion.Of(versionOf)) });
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen verb's action (or help, or version); returns the
    /// exit code. A usage error, from the parser or a <see cref="UsageException"/> thrown by the action, is
    /// one line on <paramref name="stderr"/> and <see cref="ExitCodes.Usage"/>; other exceptions propagate.
    /// </summary>
    public static int Run(Command root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 && root.Action is null && root.Subcommands.Count > 0)
        {
            // Nothing asked: show what can be asked, as a usage error (scripts see exit code 2).
            ToolHelp.Write(root, stderr);
            return ExitCodes.Usage;
        }

        if (Parse(root, args, stdout, stderr, out var result) is { } exit) return exit;
        try
        {
            return result.Invoke(Configuration(stdout, stderr));
        }
        catch (UsageException e)
        {
            return ReportUsage(result.CommandResult.Command, e.Message, stderr);
        }
    }

    /// <summary>
    /// Parses <paramref name="args"/>. Returns an exit code when there is nothing left to do: help or the
    /// version was printed (0), or a usage error was reported (2). Returns null when the caller should do
    /// the work described by <paramref name="result"/>.
    /// </summary>
    public static int? Parse(Command root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, out ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        result = root.Parse(args);
        if (result.Action is HelpTextAction or VersionAction) return result.Invoke(Configuration(stdout, stderr));
        if (UsageErrors.Describe(result) is { } problem) return ReportUsage(result.CommandResult.Command, problem, stderr);
        return null;
    }

    /// <summary>Writes the one-line usage error (<c>tool verb: problem (see tool verb --help)</c>); returns 2.</summary>
    public static int ReportUsage(Command command, string problem, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(stderr);
        var path = ToolHelp.Path(command);
        stderr.WriteLine($"{path}: {problem.ReplaceLineEndings(" ")} (see {path} --help)");
        return ExitCodes.Usage;
    }

    private static InvocationConfiguration Configuration(TextWriter stdout, TextWriter stderr) =>
        new() { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };

    /// <summary>Prints the project's help layout for the command the help option was given to.</summary>
    private sealed class HelpTextAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var output = parseResult.InvocationConfiguration.Output;
            var width = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? Math.Clamp(Console.WindowWidth, 60, 140) : ToolHelp.DefaultWidth;
            ToolHelp.Write(parseResult.CommandResult.Command, output, width);
            return ExitCodes.Ok;
        }
    }

    /// <summary>Prints the tool's version (its own assembly's, not the host process's).</summary>
    private sealed class VersionAction(string version) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return ExitCodes.Ok;
        }
    }
}
