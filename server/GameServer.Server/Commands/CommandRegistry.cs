namespace GameServer.Server.Commands;

/// <summary>The admin commands by name: parses a line, checks the caller may run it, runs it and ends the reply.</summary>
public sealed class CommandRegistry
{
    private readonly SortedDictionary<string, IAdminCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IAdminCommand> _aliases = new(StringComparer.Ordinal);

    /// <summary>All commands, by name.</summary>
    public IEnumerable<IAdminCommand> All => _commands.Values;

    /// <summary>Every name a command answers to, aliases included (tab completion).</summary>
    public IEnumerable<string> Names => _commands.Keys.Concat(_aliases.Keys);

    /// <summary>Adds a command; names and aliases are unique.</summary>
    public CommandRegistry Register(IAdminCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_aliases.ContainsKey(command.Name)) throw new ArgumentException($"'{command.Name}' is already an alias", nameof(command));
        foreach (var alias in command.Aliases)
        {
            if (_commands.ContainsKey(alias) || _aliases.ContainsKey(alias)) throw new ArgumentException($"alias '{alias}' is already taken", nameof(command));
        }

        _commands.Add(command.Name, command);
        foreach (var alias in command.Aliases) _aliases.Add(alias, command);
        return this;
    }

    /// <summary>
    /// Runs one input line. The task completes, never faulting, once the reply is complete, after
    /// <see cref="ICommandOutput.EndReply"/>. Unknown commands, missing permissions and bad arguments are
    /// failed outcomes with one error line (and the usage, for bad arguments).
    /// </summary>
    public async Task<CommandOutcome> ExecuteAsync(string line, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await RunAsync(line, context).ConfigureAwait(false);
        context.Output.EndReply(outcome);
        return outcome;
    }

    private async Task<CommandOutcome> RunAsync(string line, CommandContext context)
    {
        var output = context.Output;
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return CommandOutcome.Success;
        var name = words[0].ToLowerInvariant();
        if (!_commands.TryGetValue(name, out var command) && !_aliases.TryGetValue(name, out command))
            return Fail(output, $"unknown command '{words[0]}'; commands: {string.Join(", ", _commands.Keys)} (type 'help')");
        if (!context.Caller.May(command.Requires))
            return Fail(output, $"{context.Caller} may not run '{command.Name}' (needs {command.Requires})");

        try
        {
            return await command.ExecuteAsync(context, words[1..]).ConfigureAwait(false);
        }
        catch (CommandUsageException e)
        {
            output.WriteLine($"error: {e.Message}; usage: {command.Usage}");
            return CommandOutcome.Failed(e.Message);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the caller gets an answer and the server keeps running.
            return Fail(output, $"{command.Name} failed: {e.Message}");
        }
    }

    private static CommandOutcome Fail(ICommandOutput output, string reason)
    {
        output.WriteLine("error: " + reason);
        return CommandOutcome.Failed(reason);
    }
}
