namespace GameServer.Server.Commands;

/// <summary>The admin commands by name; parses a line and runs the command, never throwing at the caller.</summary>
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

    /// <summary>Runs one input line. Unknown commands and bad arguments get one error line and the usage.</summary>
    public void Execute(string line, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(context);
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return;
        if (!_commands.TryGetValue(words[0].ToLowerInvariant(), out var command))
        {
            context.Output.WriteLine($"error: unknown command '{words[0]}'; commands: {string.Join(", ", _commands.Keys)} (type 'help')");
            return;
        }

        try
        {
            command.Execute(context, words[1..]);
        }
        catch (CommandUsageException e)
        {
            context.Output.WriteLine($"error: {e.Message}; usage: {command.Usage}");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            context.Output.WriteLine($"error: {command.Name} failed: {e.Message}");
        }
    }
}
