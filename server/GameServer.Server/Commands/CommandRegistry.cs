namespace GameServer.Server.Commands;

/// <summary>The admin commands by name: parses a line, checks the caller may run it, runs it and ends the reply.</summary>
public sealed class CommandRegistry
{
    private readonly SortedDictionary<string, IAdminCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>All commands, by name.</summary>
    public IEnumerable<IAdminCommand> All => _commands.Values;

    /// <summary>Adds a command; names are unique.</summary>
    public CommandRegistry Register(IAdminCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Add(command.Name, command);
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
        if (!_commands.TryGetValue(words[0].ToLowerInvariant(), out var command))
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
