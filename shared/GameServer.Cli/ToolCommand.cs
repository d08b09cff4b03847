using System.CommandLine;

namespace GameServer.Cli;

/// <summary>
/// A command of one of the project's tools: a System.CommandLine <see cref="Command"/> that also carries the
/// usage line and the closing text its <c>--help</c> shows.
/// </summary>
/// <remarks>
/// Options of the project's tools are usually <c>Option&lt;string&gt;</c> read through <see cref="OptionValues"/>,
/// so that a bad value gets the project's one-line message (naming the range) rather than a type name.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010", Justification = "Command's collection initializer comes from System.CommandLine; the generic form is its Children.")]
public class ToolCommand(string name, string description) : Command(name, description)
{
    /// <summary>
    /// The usage synopsis after the tool and verb names (<c>FILE -o OUT.png [options]</c>); null shows
    /// <c>[options]</c>, plus <c>&lt;verb&gt;</c> when the command has verbs.
    /// </summary>
    public string? Usage { get; set; }

    /// <summary>One line for the parent's list of verbs; null uses the description's first line.</summary>
    public string? Summary { get; set; }

    /// <summary>Text after the option table (exit codes, examples); null for none.</summary>
    public string? Epilogue { get; set; }

    /// <summary>Adds a value option <c>--name VALUE</c> (read as text; see <see cref="OptionValues"/>).</summary>
    public Option<string> AddValue(string name, string valueName, string description, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { HelpName = valueName, Description = description };
        Options.Add(option);
        return option;
    }

    /// <summary>
    /// Adds a value option that may be given more than once, the last one winning (so a wrapper script's
    /// defaults can be overridden by appending); read it with <see cref="OptionValues.Last"/>.
    /// </summary>
    public Option<string[]> AddOverridable(string name, string valueName, string description)
    {
        var option = new Option<string[]>(name)
        {
            HelpName = valueName,
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        Options.Add(option);
        return option;
    }

    /// <summary>Adds a flag <c>--name</c> without a value.</summary>
    public Option<bool> AddFlag(string name, string description, params string[] aliases)
    {
        var option = new Option<bool>(name, aliases) { Description = description, Arity = ArgumentArity.Zero };
        Options.Add(option);
        return option;
    }
}
