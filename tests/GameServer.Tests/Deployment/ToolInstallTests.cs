using GameServer.Tests.Support;

namespace GameServer.Tests.Deployment;

/// <summary>saveinspect installs as a .NET tool and runs by name, as the README's "Install" section says.</summary>
public class ToolInstallTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Saveinspect_packs_installs_as_a_dotnet_tool_and_runs_by_name(CancellationToken token)
    {
        using var folder = new TempFolder();
        var packages = folder.File("nupkgs");
        var tools = folder.File("tools");
        // --no-build: the test build already compiled the inspector in this configuration.
        var pack = await ShellCommand.Run(ShellCommand.Dotnet,
            ["pack", Repository.File("tools/GameServer.Inspector"), "-c", Repository.Configuration, "--no-build", "-o", packages], token);
        Assert.That(pack.Exit, Is.Zero, pack.Out + pack.Err);
        Assert.That(Path.Combine(packages, $"GameServer.Inspector.{Repository.Version}.nupkg"), Does.Exist);

        // A private package folder: the global one may hold an older package of the same version.
        var install = await ShellCommand.Run(ShellCommand.Dotnet,
            ["tool", "install", "--tool-path", tools, "--add-source", packages, "GameServer.Inspector"], token,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = folder.File("nuget-cache") });
        Assert.That(install.Exit, Is.Zero, install.Out + install.Err);

        // By name, through a shell's PATH lookup, as an operator types it.
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = tools + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["DOTNET_ROOT"] = ShellCommand.DotnetRoot,
        };
        var version = await ShellCommand.Run("sh", ["-c", "saveinspect --version"], token, environment);
        Assert.That(version.Exit, Is.Zero, version.Err);
        Assert.That(version.Out, Does.StartWith(Repository.Version));

        var save = Inspector.Inspect.Save(folder.Path, 100);
        var verify = await ShellCommand.Run("sh", ["-c", $"saveinspect verify '{save}'"], token, environment);
        Assert.That(verify.Exit, Is.Zero, verify.Err);
        Assert.That(verify.Out, Does.Contain("1 save: 1 ok, 0 bad"));
    }
}
