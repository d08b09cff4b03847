using GameServer.Persistence.Storage;

namespace GameServer.Server.Commands;

/// <summary><c>save [label]</c>: a manual save (never rotated away), reported when committed.</summary>
internal sealed class SaveCommand : IAdminCommand
{
    public string Name => "save";

    public string Usage => "save [label]";

    public string Description => "save now as a manual save (kept until deleted by hand)";

    public void Execute(CommandContext context, IReadOnlyList<string> args)
    {
        if (args.Count > 1) throw new CommandUsageException("too many arguments");
        var label = args.Count == 1 ? args[0] : null;
        if (label is not null && SaveNames.ValidateLabel(label) is { } problem) throw new CommandUsageException($"bad label '{label}': {problem}");
        var output = context.Output;
        output.WriteLine(label is null ? "save requested" : $"save '{label}' requested");
        _ = context.Host.Autosave.RequestSave(SaveKind.Manual, label).ContinueWith(
            t => output.WriteLine(t.Result.Succeeded
                ? $"saved {Path.GetFileName(t.Result.Path)} tick={t.Result.Tick} entities={t.Result.Entities} stored={t.Result.StoredBytes} ratio={t.Result.Ratio:0.00}"
                : $"save failed: {t.Result.Error}"),
            TaskScheduler.Default);
    }
}
