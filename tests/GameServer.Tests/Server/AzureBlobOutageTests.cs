using System.Globalization;
using System.Text.RegularExpressions;
using GameServer.Persistence.AzureBlob;
using GameServer.Persistence.Reading;
using GameServer.Persistence.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>A real <c>gameserver</c> whose Azurite stops while it runs and comes back on the same port and data.</summary>
[NonParallelizable]
[CancelAfter(300_000)]
public partial class AzureBlobOutageTests
{
    private const string World = "outage";

    [Test]
    public async Task Saves_fail_and_are_counted_while_the_store_is_down_ticks_continue_and_saves_resume_full_once_it_is_back()
    {
        using var azurite = AzuriteServer.StartNew();
        var container = AzuriteServer.NewContainerName();
        // Deltas on and no full save by count, so only the failure can make the first save after the outage full.
        using var server = new BlobGameServers(azurite.ConnectionString, container).Start(World, "--full-every", "1000");
        server.WaitForLine("INFO  saved ", TimeSpan.FromSeconds(60));
        var before = WaitForStatus(server, s => s.Completed >= 2, TimeSpan.FromSeconds(60));

        azurite.Stop(graceful: true);
        var down = WaitForStatus(server, s => s.Failed >= 1, TimeSpan.FromSeconds(90));
        Assert.That(down.LastSave, Does.StartWith("error: ").And.Contain($"azblob:{container}/fleet/{World}"), "the reason names the store");
        Assert.That(down.LastSave, Does.Not.Contain("AggregateException").And.Not.Contain("Retry failed"), "one clear line, not the SDK's stack of retries");
        var later = WaitForStatus(server, s => s.Failed >= 2 && s.Tick > down.Tick + 30, TimeSpan.FromSeconds(90));
        Assert.That(later.Completed, Is.EqualTo(down.Completed), "nothing is saved while the store is down");

        azurite.Start();
        var up = WaitForStatus(server, s => s.Completed > later.Completed && s.LastSave.StartsWith("ok ", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        Assert.That(up.Tick, Is.GreaterThan(later.Tick), "the game kept ticking throughout");
        Assert.That(server.Errors, Does.Contain("save of tick").And.Contain("failed"), "each failure is logged");

        var store = new AzureBlobSaveStore(azurite.Container(container), "fleet", World, readOnly: true);
        // Saves run one at a time, so every save captured after the first failed one was committed after it.
        var failedTick = long.Parse(FailurePattern().Match(server.Errors).Groups[1].Value, CultureInfo.InvariantCulture);
        var firstAfter = (await SaveCatalog.ListAsync(store)).Where(e => e.Tick > failedTick).MinBy(e => e.Tick);
        Assert.That(firstAfter, Is.Not.Null);
        Assert.That(firstAfter!.Header!.IsDelta, Is.False, "the first save after failed ones is full");
        Assert.That(before.Completed, Is.GreaterThanOrEqualTo(2));

        server.Send("stop");
        Assert.That(server.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero);
    }

    /// <summary>Asks for <c>status</c> every half second until <paramref name="done"/> holds.</summary>
    private static Status WaitForStatus(ChildProcess server, Func<Status, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Status? last = null;
        while (DateTime.UtcNow < deadline)
        {
            server.Send("status");
            var world = server.WaitForLine(l => l.StartsWith("world: ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            var save = server.WaitForLine(l => l.StartsWith("last_save: ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            var counts = CountsPattern().Match(save);
            last = new Status(
                long.Parse(TickPattern().Match(world).Groups[1].Value, CultureInfo.InvariantCulture),
                save["last_save: ".Length..counts.Index].Trim(),
                int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture));
            if (done(last)) return last;
            Thread.Sleep(500);
        }

        throw new AssertionException($"status never got there; last: {last}\nstderr:\n{server.Errors}");
    }

    [GeneratedRegex(@"save of tick (\d+) failed")]
    private static partial Regex FailurePattern();

    [GeneratedRegex(@" tick=(\d+)")]
    private static partial Regex TickPattern();

    [GeneratedRegex(@" ticks_since_last_ok=\S+ consecutive_failures=\d+ completed=(\d+) failed=(\d+)")]
    private static partial Regex CountsPattern();

    private sealed record Status(long Tick, string LastSave, int Completed, int Failed);
}
