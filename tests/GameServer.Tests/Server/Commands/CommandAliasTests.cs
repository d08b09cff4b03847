using GameServer.Demo;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Commands;

[CancelAfter(60_000)]
public class CommandAliasTests
{
    [TestCase("quit")]
    [TestCase("EXIT")]
    public async Task Quit_and_exit_stop_the_server_like_stop(string alias)
    {
        using var folder = new TempFolder();
        var options = new ServerOptions { SavesRoot = folder.Path, WorldName = "alias", Entities = 1000, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, AdminPort = 0 };
        using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Null)).Build();
        host.Start();
        var help = new ReplyRecorder();
        await host.ExecuteCommandAsync("help", CommandCaller.Console, help);
        Assert.That(help.Lines, Has.Some.Match(@"^  stop \| quit \| exit +take a final save"), "help names the aliases");
        var reply = new ReplyRecorder();
        var outcome = await host.ExecuteCommandAsync(alias, CommandCaller.Console, reply);
        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(reply.Lines, Is.EqualTo(new[] { "stopping" }));
        Assert.That(await host.Completion, Is.Zero);
        Assert.That(Directory.GetFiles(host.WorldDirectory, "auto-*.gsav"), Is.Not.Empty, "the final save");
    }

    [Test]
    public void Aliases_are_completion_names_and_cannot_take_a_command_name()
    {
        var registry = AdminCommands.CreateRegistry();
        Assert.That(registry.Names, Does.Contain("quit").And.Contain("exit").And.Contain("stop").And.Contain("status"));
        Assert.That(() => registry.Register(new NamedCommand("quit")), Throws.ArgumentException);
        Assert.That(() => registry.Register(new NamedCommand("other", "status")), Throws.ArgumentException);
    }

    private sealed class NamedCommand(string name, params string[] aliases) : IAdminCommand
    {
        public string Name => name;

        public IReadOnlyList<string> Aliases => aliases;

        public string Usage => name;

        public string Description => "a test command";

        public CommandPermissions Requires => CommandPermissions.View;

        public Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args) => Task.FromResult(CommandOutcome.Success);
    }
}
