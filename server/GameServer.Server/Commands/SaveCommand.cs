using GameServer.Persistence.Storage;

namespace GameServer.Server.Commands;

/// <summary><c>save [label]</c>: a manual save (never rotated away); the reply ends once it is committed.</summary>
internal sealed class SaveCommand : IAdminCommand
{
    public string Name => "save";

    public string Usage => "save [label]";

    public string Description => "save now as a manual save (kept until deleted by hand)";

    public CommandPermissions Requires => CommandPermissions.Save;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count > 1) throw new CommandUsageException("too many arguments");
        var label = args.Count == 1 ? args[0] : null;
        if (label is not null && SaveNames.ValidateLabel(label) is { } problem) throw new CommandUsageException($"bad label '{label}': {problem}");
        var output = context.Output;
        output.WriteLine(label is null ? "save requested" : $"save '{label}' requested");
        var result = await context.Services.Autosave.RequestSave(SaveKind.Manual, label).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            output.WriteLine($"save failed: {result.Error}");
            return CommandOutcome.Failed("save failed: " + result.Error);
        }

        output.WriteLine($"saved {result.Name} tick={result.Tick} entities={result.Entities} stored={result.StoredBytes} ratio={result.Ratio:0.00}");
        return CommandOutcome.Success;
    }
}
