namespace GameServer.Inspector.Cli;

/// <summary>
/// A small GNU-style parser: <c>--name value</c>, <c>--name=value</c>, flags, <c>-o</c> for <c>--output</c>,
/// <c>-h</c> for <c>--help</c>, and <c>--</c> to end options. Unknown options are usage errors.
/// </summary>
internal static class ArgumentParser
{
    /// <summary>Flags every verb accepts.</summary>
    public static readonly string[] CommonFlags = ["--json", "--help"];

    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.Ordinal)
    {
        ["-o"] = "--output",
        ["-h"] = "--help",
    };

    public static VerbArgs Parse(IReadOnlyList<string> args, Verb verb)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                positionals.Add(arg);
                continue;
            }

            var (name, inline) = Split(arg);
            name = s_aliases.GetValueOrDefault(name, name);
            if (CommonFlags.Contains(name) || verb.Flags.Contains(name))
            {
                if (inline is not null) throw new UsageException($"{name} takes no value");
                flags.Add(name);
            }
            else if (verb.ValueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value"));
                if (!values.TryAdd(name, value)) throw new UsageException($"{name} given twice");
            }
            else
            {
                throw new UsageException($"unknown option '{arg}'");
            }
        }

        return new VerbArgs(positionals, values, flags);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
