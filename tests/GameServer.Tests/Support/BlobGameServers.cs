using GameServer.Persistence.AzureBlob;

namespace GameServer.Tests.Support;

/// <summary>
/// Starts real <c>gameserver</c> processes saving to <c>azblob:CONTAINER/PREFIX</c> through
/// <paramref name="connectionString"/> (an Azurite, or a proxy in front of one), with a 15 s writer lease.
/// </summary>
/// <remarks>
/// Defaults: 3000 entities, an autosave every second, no players' or admin port clash (port 0, no remote
/// admin). Extra arguments come last, so they override the defaults (a flag given twice takes the later value).
/// </remarks>
internal sealed class BlobGameServers(string connectionString, string container, string prefix = "fleet")
{
    /// <summary>Extra environment variables for every server (e.g. a smaller block size).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal)
    {
        [StoreAddress.ConnectionStringVariable] = connectionString,
        [StoreAddress.LeaseSecondsVariable] = "15",
    };

    /// <summary>Starts a server on <paramref name="world"/> without waiting for it.</summary>
    public ChildProcess StartNoWait(string world, params string[] extra)
    {
        var args = new List<string> { "--store", $"azblob:{container}/{prefix}", "--world", world, "--entities", "3000", "--autosave-interval", "1", "--port", "0", "--admin-key-file", "none" };
        args.AddRange(extra);
        return ChildProcess.StartDll("gameserver.dll", args, workingDirectory: null, environment: Environment);
    }

    /// <summary>Starts a server on <paramref name="world"/> and waits until it runs.</summary>
    public ChildProcess Start(string world, params string[] extra)
    {
        var server = StartNoWait(world, extra);
        server.WaitForLine("server running", TimeSpan.FromSeconds(90));
        return server;
    }

    /// <summary>Starts a server on a world whose holder was killed: refused (exit 2) until its lease expires.</summary>
    public ChildProcess StartOnceLeaseFrees(string world, params string[] extra)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var server = StartNoWait(world, extra);
            if (WaitUntilRunningOrExited(server)) return server;
            server.WaitForExit(TimeSpan.FromSeconds(10)); // also drains its stderr
            var refusal = server.Errors + "\n" + server.Output;
            server.Dispose();
            Assert.That(refusal, Does.Contain("is in use by another server"), "the only refusal expected is the dead holder's lease");
            if (DateTime.UtcNow > deadline) Assert.Fail("the dead server's lease never expired");
            Thread.Sleep(1000);
        }
    }

    private static bool WaitUntilRunningOrExited(ChildProcess server)
    {
        var limit = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < limit)
        {
            try
            {
                server.WaitForLine("server running", TimeSpan.FromSeconds(1));
                return true;
            }
            catch (AssertionException) when (!server.HasExited)
            {
            }
            catch (AssertionException)
            {
                return false;
            }
        }

        return false;
    }
}
