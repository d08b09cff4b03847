namespace GameServer.Inspector.Cli;

/// <summary>A verb's parsed command line: positional arguments, option values and flags.</summary>
internal sealed class VerbArgs
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    public VerbArgs(IReadOnlyList<string> positionals, Dictionary<string, string> values, HashSet<string> flags)
    {
        Positionals = positionals;
        _values = values;
        _flags = flags;
    }

    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Machine-readable output requested.</summary>
    public bool Json => Has("--json");

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string option) => _values.TryGetValue(option, out var v) ? v : null;

    /// <summary>Exactly <paramref name="names"/>.Length positionals, named in the error when missing or extra.</summary>
    public void ExpectPositionals(params string[] names)
    {
        if (Positionals.Count < names.Length) throw new UsageException($"missing {names[Positionals.Count]}");
        if (Positionals.Count > names.Length) throw new UsageException($"unexpected argument '{Positionals[names.Length]}'");
    }

    public int IntValue(string option, int fallback, int min, int max)
    {
        var text = Value(option);
        return text is null ? fallback : OptionValues.Int(text, option, min, max);
    }
}
