using System.CommandLine;

namespace GameServer.Inspector.Cli;

/// <summary>
/// A <see cref="Verb"/> as a command of the shared command-line convention: its options declared to the
/// parser (so help, unknown-option errors and suggestions come from one place), its positionals collected
/// for the verb to check, and the parse result handed to the verb as <see cref="VerbArgs"/>.
/// </summary>
internal static class VerbCommand
{
    private static readonly VerbOption s_json = new("--json", null, "print JSON instead of tables");

    public static ToolCommand Create(Verb verb, Func<Verb, VerbArgs, VerbContext, int> run)
    {
        var command = new ToolCommand(verb.Name, verb.Description) { Summary = verb.Summary, Usage = verb.Usage, Epilogue = verb.Epilogue };
        // Positionals are checked by the verb itself, which names the missing or extra one.
        var positionals = new Argument<string[]>("ARGS") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        command.Arguments.Add(positionals);
        var values = new List<(string Name, Option<string> Option)>();
        var flags = new List<(string Name, Option<bool> Option)>();
        foreach (var option in verb.Options.Append(s_json))
        {
            var aliases = option.Alias is null ? [] : new[] { option.Alias };
            if (option.ValueName is null) flags.Add((option.Name, command.AddFlag(option.Name, option.Description, aliases)));
            else values.Add((option.Name, command.AddValue(option.Name, option.ValueName, option.Description, aliases)));
        }

        command.SetAction(result =>
        {
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, option) in values)
            {
                if (result.GetValue(option) is { } value) given[name] = value;
            }

            var set = new HashSet<string>(flags.Where(f => result.GetValue(f.Option)).Select(f => f.Name), StringComparer.Ordinal);
            var args = new VerbArgs(result.GetValue(positionals) ?? [], given, set);
            return run(verb, args, new VerbContext(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        });
        return command;
    }
}
