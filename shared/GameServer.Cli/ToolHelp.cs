using System.CommandLine;
using System.Text;

namespace GameServer.Cli;

/// <summary>
/// Writes a command's <c>--help</c>: usage line, description, arguments, options and verbs in aligned
/// columns (descriptions wrapped to the width), then the epilogue.
/// </summary>
/// <remarks>Built from the same declarations the parser uses, so help cannot drift from what is accepted.</remarks>
public static class ToolHelp
{
    /// <summary>Width help wraps to when it does not go to a terminal (files, pipes, tests).</summary>
    public const int DefaultWidth = 100;

    /// <summary>The help text of <paramref name="command"/>.</summary>
    public static string Text(Command command, int width = DefaultWidth)
    {
        using var writer = new StringWriter();
        Write(command, writer, width);
        return writer.ToString();
    }

    /// <summary>Writes the help of <paramref name="command"/> to <paramref name="output"/>.</summary>
    public static void Write(Command command, TextWriter output, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        var tool = command as ToolCommand;
        var text = new StringBuilder();
        var synopsis = tool?.Usage ?? (command.Subcommands.Count > 0 ? "<verb> [options]" : "[options]");
        text.Append("Usage: ").Append(Path(command)).Append(' ').AppendLine(synopsis).AppendLine();
        if (!string.IsNullOrWhiteSpace(command.Description)) text.AppendLine(command.Description.TrimEnd()).AppendLine();

        var arguments = command.Arguments.Where(a => !a.Hidden && !string.IsNullOrEmpty(a.Description))
            .Select(a => (a.HelpName ?? a.Name, a.Description!)).ToList();
        Section(text, "Arguments:", arguments, width);
        var options = command.Options.Concat(Inherited(command)).Where(o => !o.Hidden)
            .OrderBy(o => o is System.CommandLine.Help.HelpOption or VersionOption) // the tool's own options first
            .Select(o => (Label(o), o.Description ?? "")).ToList();
        Section(text, "Options:", options, width);
        var verbs = command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, Summary(c))).ToList();
        Section(text, "Verbs:", verbs, width);
        if (tool?.Epilogue is { } epilogue) text.AppendLine(epilogue.TrimEnd()).AppendLine();
        output.Write(text.ToString());
    }

    /// <summary>The tool and verb names leading to <paramref name="command"/> (<c>saveinspect map</c>).</summary>
    public static string Path(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault()) names.Add(c.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The one line a verb shows in its parent's list: its summary, else its description's first line.</summary>
    public static string Summary(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is ToolCommand { Summary: { } summary }) return summary;
        return (command.Description ?? "").Split('\n')[0].Trim();
    }

    /// <summary>Recursive options of the parents (such as <c>--help</c>) that the command also accepts.</summary>
    internal static IEnumerable<Option> Inherited(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in parent.Options)
            {
                if (option.Recursive && !command.Options.Contains(option)) yield return option;
            }
        }
    }

    private static string Label(Option option)
    {
        var names = string.Join(", ", option.Aliases.Append(option.Name).Distinct().OrderBy(n => n.StartsWith("--", StringComparison.Ordinal)).ThenBy(n => n, StringComparer.Ordinal));
        return option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) ? names : $"{names} {option.HelpName ?? "VALUE"}";
    }

    private static void Section(StringBuilder text, string title, List<(string Label, string Description)> rows, int width)
    {
        if (rows.Count == 0) return;
        text.AppendLine(title);
        var labelWidth = Math.Min(rows.Max(r => r.Label.Length), 32);
        var indent = new string(' ', 2 + labelWidth + 2);
        foreach (var (label, description) in rows)
        {
            var lines = Wrap(description, Math.Max(20, width - indent.Length));
            if (label.Length > labelWidth)
            {
                text.Append("  ").AppendLine(label);
                foreach (var line in lines) text.Append(indent).AppendLine(line);
                continue;
            }

            text.Append("  ").Append(label.PadRight(labelWidth)).Append("  ").AppendLine(lines.Count > 0 ? lines[0] : "");
            for (var i = 1; i < lines.Count; i++) text.Append(indent).AppendLine(lines[i]);
        }

        text.AppendLine();
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }
}
