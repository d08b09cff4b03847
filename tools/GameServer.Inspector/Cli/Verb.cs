namespace GameServer.Inspector.Cli;

/// <summary>One command of the inspector: its name, help and options live with the code that runs it.</summary>
internal abstract class Verb
{
    public abstract string Name { get; }

    /// <summary>One line for the global help.</summary>
    public abstract string Summary { get; }

    /// <summary>Full help: usage line, what it does, options.</summary>
    public abstract string Help { get; }

    /// <summary>Options that take a value (<c>--columns a,b</c>).</summary>
    public virtual IReadOnlyCollection<string> ValueOptions => [];

    /// <summary>Options without a value besides <c>--json</c> and <c>--help</c>.</summary>
    public virtual IReadOnlyCollection<string> Flags => [];

    /// <summary>Runs the verb; returns the exit code. Throws <see cref="UsageException"/> for a bad command line.</summary>
    public abstract int Run(VerbArgs args, VerbContext context);
}

/// <summary>Where a verb writes: its output and its diagnostics.</summary>
internal sealed record VerbContext(TextWriter Out, TextWriter Error);
