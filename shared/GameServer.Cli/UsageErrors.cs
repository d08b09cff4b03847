using System.CommandLine;
using System.CommandLine.Parsing;

namespace GameServer.Cli;

/// <summary>Turns System.CommandLine's parse errors into the project's one-line messages, with a suggestion.</summary>
public static class UsageErrors
{
    /// <summary>The first problem of <paramref name="result"/> as one line, or null when it parsed cleanly.</summary>
    public static string? Describe(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        if (result.UnmatchedTokens.Count > 0 && command.TreatUnmatchedTokensAsErrors) return Unmatched(command, result.UnmatchedTokens[0]);
        if (UnknownOptionTakenAsArgument(result) is { } option) return Unmatched(command, option);
        if (result.Errors.Count == 0) return null;
        var error = result.Errors[0];
        if (error.SymbolResult is OptionResult { Tokens.Count: 0, IdentifierToken: { } token }) return $"{token.Value} needs a value";
        if (error.SymbolResult is CommandResult && command.Subcommands.Count > 0 && command.Action is null) return $"missing verb ({Verbs(command)})";
        return error.Message.TrimEnd('.');
    }

    /// <summary>
    /// A command with a list argument takes an unknown <c>--bogus</c> as one of its values; before <c>--</c>,
    /// a dash-led word that is not a number is an unknown option, not a file name.
    /// </summary>
    private static string? UnknownOptionTakenAsArgument(ParseResult result)
    {
        var tokens = result.Tokens;
        var end = tokens.Count;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                end = i;
                break;
            }
        }

        foreach (var argument in result.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !double.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out _)
                    && IndexOf(tokens, token) is var index && index >= 0 && index < end) return token.Value;
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token)) return i;
        }

        return -1;
    }

    private static string Unmatched(Command command, string token)
    {
        if (token.StartsWith('-') && token.Length > 1)
        {
            var names = command.Options.Concat(ToolHelp.Inherited(command)).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Append(o.Name))
                .Where(n => n.StartsWith("--", StringComparison.Ordinal));
            var name = token.Split('=', 2)[0];
            return ClosestName.Find(name, names) is { } guess ? $"unknown option '{name}' (did you mean {guess}?)" : $"unknown option '{name}'";
        }

        if (command.Subcommands.Count > 0 && command.Parents.FirstOrDefault() is null)
        {
            var guess = ClosestName.Find(token, command.Subcommands.Select(c => c.Name));
            return guess is not null ? $"unknown verb '{token}' (did you mean {guess}?)" : $"unknown verb '{token}' ({Verbs(command)})";
        }

        return $"unexpected argument '{token}'";
    }

    private static string Verbs(Command command) => "verbs: " + string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
}
