using GameServer.Demo;
using GameServer.Server.Commands;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Commands;

/// <summary>Commands through a running in-process server: each call's task ends with its outcome, after its reply.</summary>
[CancelAfter(60_000)]
public class CommandTests
{
    private static readonly CommandCaller Viewer = new("viewer", CallerKind.Remote, "203.0.113.7:50123", CommandPermissions.View);

    private TempFolder _folder = null!;
    private GameHost _host = null!;
    private WhoAmICommand _whoAmI = null!;

    private string WorldFolder => _host.WorldDirectory;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _whoAmI = new WhoAmICommand();
        var options = new ServerOptions { SavesRoot = _folder.Path, WorldName = "cmd", Entities = 2000, TickRate = 60, AutosaveIntervalSeconds = 600, Port = 0, AdminPort = 0 };
        _host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Null)).AddCommand(_whoAmI).Build();
        _host.Start();
    }

    [TearDown]
    public async Task TearDown()
    {
        _host.RequestStop();
        await _host.Completion;
        _host.Dispose();
        _folder.Dispose();
    }

    [TestCase("frobnicate now", "unknown command 'frobnicate'")]
    [TestCase("save a b", "too many arguments")]
    [TestCase("autosave keep many", "keep must be a whole number")]
    [TestCase("load", "name one save")]
    public async Task Unknown_command_or_bad_usage_fails_and_ends_the_reply(string line, string reason)
    {
        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync(line, CommandCaller.Console, reply);

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Reason, Does.Contain(reason));
        Assert.That(reply.Lines, Has.Some.StartsWith("error: ").And.Contains(reason));
        Assert.That(reply.Ends, Is.EqualTo(new[] { outcome }), "the reply ends exactly once, with the outcome");
    }

    [Test]
    public async Task Save_succeeds_once_its_file_is_in_the_world_folder()
    {
        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync("save done", CommandCaller.Console, reply);

        Assert.That(outcome.Succeeded, Is.True, outcome.Reason);
        Assert.That(Directory.GetFiles(WorldFolder, "manual-done-*.gsav"), Has.Length.EqualTo(1), "committed before the task completed");
        Assert.That(reply.Lines.Last(), Does.StartWith("saved manual-done-"));
        Assert.That(reply.Ends, Is.EqualTo(new[] { CommandOutcome.Success }));
    }

    [Test]
    public async Task Status_reads_the_world_on_the_tick_thread_and_succeeds()
    {
        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync("status", CommandCaller.Console, reply);

        Assert.That(outcome.Succeeded, Is.True, outcome.Reason);
        Assert.That(reply.Lines[0], Does.Match(@"^world: cmd tick=\d+ entities=\d+ saves="));
    }

    [Test]
    public async Task Caller_identity_reaches_the_command()
    {
        var outcome = await _host.ExecuteCommandAsync("whoami", Viewer, new ReplyRecorder());

        Assert.That(outcome.Succeeded, Is.True, outcome.Reason);
        Assert.That(_whoAmI.LastCaller, Is.EqualTo(Viewer));
    }

    [Test]
    public async Task A_caller_without_the_permission_is_refused_and_nothing_is_saved()
    {
        var before = SaveFiles();
        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync("save sneaky", Viewer, reply);

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Reason, Is.EqualTo("viewer@203.0.113.7:50123 may not run 'save' (needs Save)"));
        var help = new ReplyRecorder();
        await _host.ExecuteCommandAsync("help", Viewer, help);
        Assert.That(help.Lines, Has.Some.Contains("status").And.None.Contains("save [label]"), "help lists only what the caller may run");
        await AssertNoSaveWasRequestedSince(before);
    }

    [Test]
    public async Task Load_of_no_such_save_fails_and_leaves_no_new_file()
    {
        var before = SaveFiles();
        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync("load no-such-save", CommandCaller.Console, reply);

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Reason, Is.EqualTo("no save matches 'no-such-save' (see 'saves')"));
        Assert.That(reply.Lines, Is.EqualTo(new[] { "error: no save matches 'no-such-save' (see 'saves')" }));
        await AssertNoSaveWasRequestedSince(before);
    }

    [Test]
    public async Task Load_of_an_ambiguous_name_fails_before_taking_the_pre_rollback_save()
    {
        Assert.That((await _host.ExecuteCommandAsync("save twin-a", CommandCaller.Console, new ReplyRecorder())).Succeeded, Is.True);
        Assert.That((await _host.ExecuteCommandAsync("save twin-b", CommandCaller.Console, new ReplyRecorder())).Succeeded, Is.True);

        var before = SaveFiles();
        var outcome = await _host.ExecuteCommandAsync("load twin", CommandCaller.Console, new ReplyRecorder());

        Assert.That(outcome.Reason, Is.EqualTo("'twin' matches 2 saves; give more of the name"));
        await AssertNoSaveWasRequestedSince(before);
    }

    [Test]
    public async Task Load_takes_the_pre_rollback_save_then_rolls_back_and_succeeds()
    {
        Assert.That((await _host.ExecuteCommandAsync("save checkpoint", CommandCaller.Console, new ReplyRecorder())).Succeeded, Is.True);

        var reply = new ReplyRecorder();
        var outcome = await _host.ExecuteCommandAsync("load checkpoint", CommandCaller.Console, reply);

        Assert.That(outcome.Succeeded, Is.True, outcome.Reason);
        Assert.That(reply.Lines.Last(), Does.StartWith("rolled back to manual-checkpoint-"));
        Assert.That(Directory.GetFiles(WorldFolder, "manual-pre-rollback-*.gsav"), Has.Length.EqualTo(1));
    }

    private List<string?> SaveFiles() => Directory.GetFiles(WorldFolder, "*.gsav").Select(Path.GetFileName).ToList();

    /// <summary>
    /// Saves are taken in request order, so once a later save has landed any earlier request (a
    /// pre-rollback save, say) would have landed too: only the probe may be new since <paramref name="before"/>.
    /// </summary>
    private async Task AssertNoSaveWasRequestedSince(List<string?> before)
    {
        Assert.That((await _host.ExecuteCommandAsync("save probe", CommandCaller.Console, new ReplyRecorder())).Succeeded, Is.True);
        var added = Directory.GetFiles(WorldFolder, "*.gsav").Select(Path.GetFileName).Except(before).ToList();
        Assert.That(added, Has.Count.EqualTo(1).And.All.StartsWith("manual-probe-"));
    }

    private sealed class WhoAmICommand : IAdminCommand
    {
        public CommandCaller? LastCaller { get; private set; }

        public string Name => "whoami";

        public string Usage => "whoami";

        public string Description => "the caller's name";

        public CommandPermissions Requires => CommandPermissions.View;

        public Task<CommandOutcome> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        {
            LastCaller = context.Caller;
            context.Output.WriteLine(context.Caller.ToString());
            return Task.FromResult(CommandOutcome.Success);
        }
    }
}
