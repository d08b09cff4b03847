using System.Diagnostics;
using System.Globalization;
using Cysharp.Text;
using GameServer.World;

namespace GameServer.Server.Commands;

/// <summary><c>status</c>: tick timing and autosave state, like Redis <c>INFO persistence</c>.</summary>
internal sealed class StatusCommand : IAdminCommand
{
    public string Name => "status";

    public string Usage => "status";

    public string Description => "tick timing, world size and autosave state";

    public CommandPermissions Requires => CommandPermissions.View;

    public async Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var services = context.Services;
        var (tick, entities) = await services.World.InvokeAsync(w => (w.Tick, w.Count)).ConfigureAwait(false);
        var (p50, p99, max) = services.Ticks.Histogram.Summary();
        var s = services.Autosave.GetStatus(tick);
        var output = context.Output;
        output.WriteLine(ZString.Format("world: {0} tick={1} entities={2} saves={3}", services.WorldName, tick, entities, services.Saves.Location));
        output.WriteLine(ZString.Format("ticks: rate={0}/s p50={1:0.000}ms p99={2:0.000}ms max={3:0.000}ms (last minute) overruns={4}", services.Ticks.TickRate, p50, p99, max, services.Ticks.Overruns));
        output.WriteLine(ZString.Format("autosave: {0} interval={1}s keep={2} next_due={3} in_flight={4} phase={5}", s.Enabled ? "on" : "off", s.Interval.TotalSeconds, s.KeepLatest, s.NextDueUtc?.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-", s.InFlight ? "yes" : "no", s.Phase.ToString().ToLowerInvariant()));
        var last = s.LastResult;
        var lastText = last is null ? "none" : last.Succeeded ? "ok " + last.Name : "error: " + last.Error;
        output.WriteLine(ZString.Format("last_save: {0} ticks_since_last_ok={1} consecutive_failures={2} completed={3} failed={4}", lastText, s.TicksSinceLastSuccess?.ToString(CultureInfo.InvariantCulture) ?? "-", s.ConsecutiveFailures, s.SavesCompleted, s.SavesFailed));
        if (s.LastSuccess is { } ok)
        {
            output.WriteLine(ZString.Format(
                "last_ok: tick={0} pause={1:0.000}ms copy={2:0.000}ms copied={3} encode={4:0.0}ms write={5:0.0}ms raw={6} stored={7} ratio={8:0.00}",
                ok.Tick, ok.CaptureDuration.TotalMilliseconds, ok.CopyDuration.TotalMilliseconds, ok.CaptureCopiedBytes, ok.EncodeDuration.TotalMilliseconds, ok.WriteDuration.TotalMilliseconds, ok.RawBytes, ok.StoredBytes, ok.Ratio));
        }

        output.WriteLine(ZString.Format("autosave_counters: skipped={0} coalesced={1}", s.Skipped, s.Coalesced));
        output.WriteLine(ZString.Format(
            "space: margin={0} space_retries={1} deleted_for_space={2} last_shortage={3}",
            s.FreeSpaceMarginBytes?.ToString(CultureInfo.InvariantCulture) ?? "-", s.SpaceRetries, s.SavesDeletedForSpace, s.LastSpaceShortage ?? "none"));
        if (s.SpaceWarning is { } warning) output.WriteLine("space_warning: " + warning);
        if (s.SaveThreadPriority is { } priority) output.WriteLine("save_thread: " + priority);
        output.WriteLine(MemoryLine(await services.World.InvokeAsync(WorldBytes).ConfigureAwait(false)));
        if (services.Players is { } players)
        {
            var online = await services.World.InvokeAsync(_ => players.Roster.Online.Count).ConfigureAwait(false);
            var t = players.Traffic;
            output.WriteLine(ZString.Format(
                "players: online={0} connections={1} port={2} packets_in={3} packets_out={4} bytes_out={5} dropped={6} rejected={7} garbage_disconnects={8} datagrams_received={9}",
                online, players.Connections, players.Port, t.PacketsIn, t.PacketsOut, t.BytesOut, t.Dropped, t.Rejected, t.GarbageDisconnects, players.DatagramsReceived));
        }

        return CommandOutcome.Success;
    }

    // Peak RSS against the world's own bytes is the figure the memory target is stated in; the GC's share
    // tells managed buffers from native memory (compression contexts, the runtime).
    private static string MemoryLine(long worldBytes)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var peak = process.PeakWorkingSet64;
        return ZString.Format(
            "memory: rss={0} peak_rss={1} world={2} peak_vs_world={3:0.00} gc_heap={4} gc_committed={5} gc_fragmented={6} collections={7}/{8}/{9} allocated={10}",
            process.WorkingSet64, peak, worldBytes, worldBytes == 0 ? 0 : (double)peak / worldBytes, gc.HeapSizeBytes, gc.TotalCommittedBytes, gc.FragmentedBytes, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
    }

    private static long WorldBytes(GameWorld world)
    {
        long bytes = 0;
        foreach (var definition in world.Schema.Columns)
        {
            var column = world.GetColumn(definition.Name);
            for (var b = 0; b < column.BufferCount; b++) bytes += column.BufferBytes(b).Length;
        }

        return bytes;
    }
}
