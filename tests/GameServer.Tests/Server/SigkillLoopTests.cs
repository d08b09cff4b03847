using System.Globalization;
using System.Text.RegularExpressions;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

/// <summary>
/// Promise 3: a real <c>gameserver</c> autosaving every 0.5 s is SIGKILLed at random moments, again and
/// again; after each kill every file with a save name verifies, the restart loads the newest verified save,
/// and that save is no older than the last one the child reported committed.
/// </summary>
/// <remarks>
/// CI runs 40 kills. The long run is this same test with more kills (and optionally a seed to replay):
/// <c>dotnet test -c Release --filter FullyQualifiedName~SigkillLoopTests -- 'TestRunParameters.Parameter(name="kills", value="500")'</c>.
/// Every wait has its own timeout; the whole-test limit is generous so the long run fits.
/// </remarks>
[CancelAfter(3_600_000)]
public partial class SigkillLoopTests
{
    private const int Sigkill = 9;
    private const int Keep = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public void A_server_killed_at_random_moments_always_restarts_from_its_newest_committed_save()
    {
        var kills = TestContext.Parameters.Get("kills", 40);
        var seed = TestContext.Parameters.Get("seed", Random.Shared.Next());
        var entities = TestContext.Parameters.Get("entities", 20000); // a larger world makes more kills land inside a write
        var random = new Random(seed);
        using var saves = new TempFolder();
        var world = Path.Combine(saves.Path, "w");
        var replay = $"seed {seed} (replay: -- 'TestRunParameters.Parameter(name=\"seed\", value=\"{seed}\")')";
        var committed = new Dictionary<string, long>(StringComparer.Ordinal); // save name -> its size when committed
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var lost = new HashSet<string>(StringComparer.Ordinal);
        var removedUnlogged = new HashSet<string>(StringComparer.Ordinal);
        string? expectedLoad = null;
        long lastCommittedTick = -1, verified = 0, bytesLost = 0, killsInsideWrite = 0;

        for (var kill = 1; kill <= kills; kill++)
        {
            var delay = random.Next(0, 1500);
            var context = $"kill {kill} of {kills} after {delay} ms, {replay}";
            using (var server = ChildProcess.StartDll("gameserver.dll", ["--saves", saves.Path, "--world", "w", "--entities", entities.ToString(CultureInfo.InvariantCulture), "--autosave-interval", "0.5", "--keep", Keep.ToString(CultureInfo.InvariantCulture), "--port", "0", "--admin-key-file", "none"]))
            {
                server.WaitForLine("server running", StartTimeout);
                var loaded = LoadedPattern().Match(server.Output);
                if (expectedLoad is null) Assert.That(server.Output, Does.Contain("no valid save found"), context);
                else Assert.That(loaded.Success ? Path.GetFileName(loaded.Groups["file"].Value) : "(nothing)", Is.EqualTo(expectedLoad), $"{context}: the restart loads the newest verified save");
                if (loaded.Success) Assert.That(long.Parse(loaded.Groups["tick"].Value, CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(lastCommittedTick), context);

                Thread.Sleep(delay);
                server.Signal(Sigkill);
                Assert.That(server.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(128 + Sigkill), context);
                foreach (Match saved in SavedPattern().Matches(server.Output))
                {
                    committed[saved.Groups["file"].Value] = -1;
                    lastCommittedTick = Math.Max(lastCommittedTick, long.Parse(saved.Groups["tick"].Value, CultureInfo.InvariantCulture));
                }

                foreach (Match rotated in RemovedPattern().Matches(server.Output)) removed.Add(rotated.Groups["file"].Value);
                Assert.That(server.Errors, Does.Not.Contain("does not verify"), context);
            }

            // The store's temp files start with '.': one left behind means this kill landed inside a write.
            if (Directory.GetFiles(world, ".*.gsav*").Length > 0) killsInsideWrite++;

            foreach (var file in Directory.GetFiles(world, "*.gsav"))
            {
                Assert.That(SavePaths.Verify(file, decode: true), Is.Null, $"{context}: {Path.GetFileName(file)} verifies");
                verified++;
                if (committed.ContainsKey(Path.GetFileName(file))) committed[Path.GetFileName(file)] = new FileInfo(file).Length;
            }

            foreach (var (name, length) in committed)
            {
                if (removed.Contains(name) || removedUnlogged.Contains(name) || File.Exists(Path.Combine(world, name))) continue;
                if (NewerSavesOnDisk(world, name) >= Keep)
                {
                    // Retention deletes, then logs: a kill between the two leaves no line, but the policy allowed the delete.
                    removedUnlogged.Add(name);
                    continue;
                }

                if (!lost.Add(name)) continue;
                bytesLost += Math.Max(length, 0);
                TestContext.Out.WriteLine($"{context}: committed save {name} is gone and retention never removed it");
            }

            var latest = SavePaths.LoadLatest(world);
            expectedLoad = latest.Entry?.FileName;
            latest.Snapshot?.Dispose();
            Assert.That(latest.Entry?.Tick ?? -1, Is.GreaterThanOrEqualTo(lastCommittedTick), $"{context}: the newest verified save is no older than the last reported committed");
        }

        TestContext.Out.WriteLine($"sigkill loop: {kills} kills survived ({killsInsideWrite} inside a write), {verified} save files verified, {committed.Count} saves committed ({removedUnlogged.Count} removed by retention just before a kill cut its log line), {bytesLost} bytes of committed saves lost; {replay}");
        Assert.That(lost, Is.Empty, $"committed saves lost ({bytesLost} bytes), {replay}");
    }

    private static int NewerSavesOnDisk(string world, string name)
    {
        var tick = TickOf(name);
        var newer = 0;
        foreach (var file in Directory.GetFiles(world, "auto-*.gsav"))
            if (TickOf(Path.GetFileName(file)) > tick) newer++;
        return newer;
    }

    private static long TickOf(string saveName) => long.Parse(TickInNamePattern().Match(saveName).Groups["tick"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-t(?<tick>\d+)\.gsav$")]
    private static partial Regex TickInNamePattern();

    [GeneratedRegex(@"INFO  saved (?<file>(?:auto|manual)-\S+\.gsav) tick (?<tick>\d+)")]
    private static partial Regex SavedPattern();

    [GeneratedRegex(@"retention removed (?<file>\S+\.gsav)")]
    private static partial Regex RemovedPattern();

    [GeneratedRegex(@"loaded (?<file>\S+\.gsav): tick=(?<tick>\d+)")]
    private static partial Regex LoadedPattern();
}
