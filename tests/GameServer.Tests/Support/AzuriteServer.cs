using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Azure.Storage.Blobs;
using GameServer.Persistence.AzureBlob;

namespace GameServer.Tests.Support;

/// <summary>
/// A real Azurite blob service (Microsoft's Azure Storage emulator, installed from tools/azurite by
/// <c>npm ci</c>) on a free loopback port with its data in a temp folder; stopped and removed on dispose.
/// </summary>
/// <remarks>
/// Always started with <c>--disableTelemetry</c> (otherwise Azurite sends usage data off the machine) and
/// bound to 127.0.0.1 only: nothing leaves loopback. When node or the installed Azurite is missing the
/// test FAILS with what to do, never passes silently. <see cref="Stop"/> and <see cref="Start"/> again
/// keep the same port and data (the outage test).
/// </remarks>
internal sealed partial class AzuriteServer : IDisposable
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempFolder _data = new();
    private Process? _process;

    private AzuriteServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The connection string of this Azurite (what <c>GAMESERVER_AZURE_CONNECTION_STRING</c> holds).</summary>
    public string ConnectionString => ConnectionStringVia(Port);

    /// <summary>The connection string of this Azurite reached through <paramref name="port"/> (a proxy in front of it).</summary>
    public static string ConnectionStringVia(int port) =>
        $"AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1";

    /// <summary>Starts Azurite and waits until it accepts connections.</summary>
    public static AzuriteServer StartNew()
    {
        var server = new AzuriteServer(FreePort());
        try
        {
            server.Start();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A client for <paramref name="container"/>, with the store's retry policy (or <paramref name="options"/>').</summary>
    public BlobContainerClient Container(string container, AzureBlobStoreOptions? options = null) =>
        new BlobServiceClient(ConnectionString, AzureBlobSaveStore.ClientOptions(options)).GetBlobContainerClient(container);

    /// <summary>A fresh container name (lowercase, 3-63 characters), one per test.</summary>
    public static string NewContainerName() => "t" + Guid.NewGuid().ToString("N");

    public void Start()
    {
        var script = AzuriteScript();
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _data.Path,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _data.Path, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
            info.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(info) ?? throw new AssertionException("could not start node");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AssertionException($"node is not on PATH ({e.Message}): the Azure Blob store tests need Node 20 + npm and Azurite (run .ci/run, or 'npm ci' in tools/azurite)");
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills Azurite (its data stays for a later <see cref="Start"/>).</summary>
    /// <param name="graceful">
    /// SIGTERM first, so Azurite writes its metadata database before it exits (it saves it only every 5 s, so
    /// a kill may forget the last seconds' blobs, which a real storage account never does).
    /// </param>
    public void Stop(bool graceful = false)
    {
        if (_process is null) return;
        if (graceful && !_process.HasExited && SendSignal(_process.Id, Sigterm) == 0) _process.WaitForExit(15_000);
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _data.Dispose();
    }

    private const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    private static string AzuriteScript()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GameServer.sln"))) root = root.Parent;
        if (root is null) throw new AssertionException("cannot find the repository root (GameServer.sln) above the test folder");
        var script = Path.Combine(root.FullName, "tools", "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(script))
            throw new AssertionException($"Azurite is not installed ({script} is missing): run 'npm ci' in tools/azurite (.ci/run does) with Node 20 + npm");
        return script;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process!.HasExited) throw new AssertionException($"Azurite exited at start with code {_process.ExitCode}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new AssertionException($"Azurite did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds:F0} s");
    }
}
