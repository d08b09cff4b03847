using System.Globalization;

namespace GameServer.Server.Commands;

/// <summary><c>autosave interval &lt;seconds&gt;</c> and <c>autosave keep &lt;n&gt;</c>.</summary>
internal sealed class AutosaveCommand : IAdminCommand
{
    public string Name => "autosave";

    public string Usage => "autosave interval <seconds> | autosave keep <n>";

    public string Description => "change the autosave interval or how many autosaves are kept";

    public CommandPermissions Requires => CommandPermissions.Configure;

    public Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count != 2) throw new CommandUsageException("expected a setting and a value");
        var autosave = context.Services.Autosave;
        switch (args[0])
        {
            case "interval":
                if (!double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0.05 || seconds > 86_400)
                    throw new CommandUsageException($"interval must be seconds from 0.05 to 86400 (got '{args[1]}')");
                autosave.SetInterval(TimeSpan.FromSeconds(seconds));
                context.Output.WriteLine($"autosave interval is now {seconds} s");
                break;
            case "keep":
                if (!int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var keep) || keep < 1 || keep > 10_000)
                    throw new CommandUsageException($"keep must be a whole number from 1 to 10000 (got '{args[1]}')");
                autosave.SetKeepLatest(keep);
                context.Output.WriteLine($"keeping the newest {keep} autosaves");
                break;
            default:
                throw new CommandUsageException($"unknown setting '{args[0]}'");
        }

        return Task.FromResult(CommandOutcome.Success);
    }
}
