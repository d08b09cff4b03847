using System.Diagnostics;

namespace GameServer.Tests.Deployment;

/// <summary>Runs a command (dotnet, sh, systemd-analyze) to its end and captures both streams.</summary>
internal static class ShellCommand
{
    public static async Task<(int Exit, string Out, string Err)> Run(string file, IEnumerable<string> args, CancellationToken token, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(token);
            var stderr = process.StandardError.ReadToEndAsync(token);
            await process.WaitForExitAsync(token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>The folder of the dotnet installation (what an apphost needs in DOTNET_ROOT), links resolved.</summary>
    public static string DotnetRoot
    {
        get
        {
            var host = new FileInfo(Dotnet);
            return Path.GetDirectoryName(host.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host.FullName)!;
        }
    }

    /// <summary>The dotnet host running the tests (the SDK that built them).</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? Find("dotnet") ?? "dotnet";
}
