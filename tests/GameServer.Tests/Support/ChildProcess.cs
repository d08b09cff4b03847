using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GameServer.Tests.Support;

/// <summary>A real child process (one of the project's executables) with line-by-line stdout capture.</summary>
internal sealed partial class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly List<string> _all = [];
    private readonly List<string> _errors = [];

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_all) _all.Add(e.Data);
            _lines.Add(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_errors) _errors.Add(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_all) return string.Join('\n', _all);
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors) return string.Join('\n', _errors);
        }
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt; args</c> for one of the project's executables, built by the test build.</summary>
    /// <param name="dllName">The executable's dll.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="workingDirectory">Its working folder (default: the test folder).</param>
    /// <param name="ignoredSignals">Signal names (INT, HUP, ...) the child starts with ignored, as a shell's background job does.</param>
    /// <param name="environment">Variables set in the child (after the inherited <c>GAMESERVER_*</c> are removed).</param>
    public static ChildProcess StartDll(string dllName, IEnumerable<string> args, string? workingDirectory = null, string? ignoredSignals = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(ignoredSignals is null ? "dotnet" : "/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        if (ignoredSignals is not null)
        {
            // exec keeps the pid, so Signal() reaches the server itself.
            foreach (var arg in new[] { "-c", $"trap '' {ignoredSignals}; exec dotnet \"$@\"", "sh" }) info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add(LocateDll(dllName));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GAMESERVER_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return new ChildProcess(Process.Start(info)!);
    }

    /// <summary>Starts any program (a system tool a test drives, such as Prometheus).</summary>
    public static ChildProcess StartProgram(string path, IEnumerable<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return new ChildProcess(Process.Start(info)!);
    }

    /// <summary>
    /// The executable's own build output (same configuration as the tests), or the test folder for tools
    /// the tests reference as libraries.
    /// </summary>
    internal static string LocateDll(string dllName)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, dllName);
        if (File.Exists(beside)) return beside;
        var projects = new Dictionary<string, string>
        {
            ["gameserver.dll"] = "server/GameServer.Dedicated",
            ["gamebench.dll"] = "tools/GameServer.Bench",
            ["gameadmin.dll"] = "tools/GameServer.Admin",
            ["saveinspect.dll"] = "tools/GameServer.Inspector",
        };
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GameServer.sln"))) root = root.Parent;
        if (root is null || !projects.TryGetValue(dllName, out var project)) throw new FileNotFoundException($"cannot locate {dllName}");
        return Path.Combine(root.FullName, project, "bin", configuration, framework, dllName);
    }

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for the next output line matching <paramref name="match"/>; lines before it are consumed.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left))
                throw new AssertionException($"no matching output line in time. Output so far:\n{Output}\nstderr:\n{Errors}");
            if (match(line)) return line;
        }
    }

    public string WaitForLine(string contains, TimeSpan? timeout = null) => WaitForLine(l => l.Contains(contains, StringComparison.Ordinal), timeout);

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new AssertionException($"process did not exit in time. Output:\n{Output}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _lines.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
