using System.Globalization;
using Cysharp.Text;
using GameServer.Persistence.Reading;

namespace GameServer.Server.Commands;

/// <summary><c>saves</c>: this world's saves, newest first (headers read off the tick thread).</summary>
internal sealed class SavesCommand : IAdminCommand
{
    public string Name => "saves";

    public string Usage => "saves";

    public string Description => "list this world's saves: name, kind, tick, time, entities, size";

    public CommandPermissions Requires => CommandPermissions.View;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var saves = context.Services.Saves;
        var output = context.Output;
        var entries = await saves.ListAsync().ConfigureAwait(false);
        output.WriteLine($"{entries.Count} save(s) in {saves.Location}:");
        foreach (var e in entries)
        {
            output.WriteLine(e.HeaderOk
                ? ZString.Format("  {0,-58} {1,-6} tick={2,-8} {3} entities={4,-8} {5,9}", e.FileName, e.Kind.ToString().ToLowerInvariant(), e.Tick, e.CapturedAtUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.Header!.EntityCount, ByteSize.Format(e.FileLength))
                : ZString.Format("  {0,-58} DAMAGED: {1}", e.FileName, e.Error));
        }

        return CommandOutcome.Success;
    }
}
