namespace GameServer.Inspector.Cli;

/// <summary>One command of the inspector: its name, help and options live with the code that runs it.</summary>
internal abstract class Verb
{
    public abstract string Name { get; }

    /// <summary>One line for the global help.</summary>
    public abstract string Summary { get; }

    /// <summary>The usage synopsis after <c>saveinspect &lt;verb&gt;</c>.</summary>
    public abstract string Usage { get; }

    /// <summary>What the verb does, shown under the usage line of its help.</summary>
    public abstract string Description { get; }

    /// <summary>The verb's options besides <c>--json</c> and <c>--help</c>.</summary>
    public virtual IReadOnlyList<VerbOption> Options => [];

    /// <summary>Text after the options in the verb's help; null for none.</summary>
    public virtual string? Epilogue => null;

    /// <summary>Runs the verb; returns the exit code. Throws <see cref="UsageException"/> for a bad command line.</summary>
    public abstract int Run(VerbArgs args, VerbContext context);
}

/// <summary>An option of a verb: <paramref name="ValueName"/> is null for a flag without a value.</summary>
internal sealed record VerbOption(string Name, string? ValueName, string Description, string? Alias = null);

/// <summary>Where a verb writes: its output and its diagnostics.</summary>
internal sealed record VerbContext(TextWriter Out, TextWriter Error);
