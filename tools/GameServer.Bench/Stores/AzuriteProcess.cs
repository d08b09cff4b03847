using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GameServer.Bench.Stores;

/// <summary>
/// Azurite's blob service (installed in tools/azurite by <c>npm ci</c>) started by the benchmark on a free
/// loopback port with its data in a temp folder, always with <c>--disableTelemetry</c>; killed and its data
/// removed on dispose. Nothing leaves loopback.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented; not a secret).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _data;

    private AzuriteProcess(Process process, string data, int port)
    {
        _process = process;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The node process's id (its CPU time is part of what a save to Azurite costs this machine).</summary>
    public int ProcessId => _process.Id;

    public string ConnectionString =>
        $"AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1";

    /// <summary>
    /// Starts Azurite from <paramref name="azuriteFolder"/> (default: tools/azurite of the repository above this
    /// build), at nice value <paramref name="nice"/> (0: as this process) with every thread it starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">node or the installed Azurite is missing, or it did not start.</exception>
    public static AzuriteProcess Start(string? azuriteFolder, int nice = 0)
    {
        var script = Path.Combine(azuriteFolder ?? DefaultFolder(), "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run 'npm ci' in tools/azurite (Node 20)");
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "gamebench-azurite-" + Environment.ProcessId);
        Directory.CreateDirectory(data);
        // A niced Azurite runs in a session of its own (setsid), hence in its own scheduler autogroup, like a
        // remote service: otherwise its CPU counts against this process's group and delays the tick thread
        // however low its nice value. Through nice(1), so node's worker threads inherit the value. (The
        // group itself keeps nice 0: lower, a loaded machine starves it and every save crawls.)
        var info = new ProcessStartInfo(nice > 0 ? "setsid" : "node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        if (nice > 0)
        {
            foreach (var arg in new[] { "--wait", "nice", "-n", nice.ToString(CultureInfo.InvariantCulture), "node" }) info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add(script);
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture), "--location", data, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
            info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"node is not on PATH ({e.Message}): Azurite needs Node 20", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, data, port);
        try
        {
            azurite.WaitUntilListening(TimeSpan.FromSeconds(30));
            return azurite;
        }
        catch
        {
            azurite.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string DefaultFolder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GameServer.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("cannot find the repository (GameServer.sln) above this build: pass --azurite DIR");
        return Path.Combine(root.FullName, "tools", "azurite");
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
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited at start with code {_process.ExitCode}");
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

        throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds:F0} s");
    }
}
