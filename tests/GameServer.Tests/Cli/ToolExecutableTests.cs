using GameServer.Tests.Support;

namespace GameServer.Tests.Cli;

/// <summary>Every tool, run as the executable it ships as, follows the one command-line convention.</summary>
public class ToolExecutableTests
{
    private static readonly string[] Tools = ["gameserver", "saveinspect", "gamebench", "gamebot"];

    [TestCaseSource(nameof(Tools))]
    [CancelAfter(60_000)]
    public void Version_is_the_one_version_of_Directory_Build_props(string tool)
    {
        var (exit, stdout, stderr) = Run(tool, "--version");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Match($@"^{System.Text.RegularExpressions.Regex.Escape(Repository.Version)}(\+[0-9a-f]{{7}})?$"));
    }

    [TestCaseSource(nameof(Tools))]
    [CancelAfter(60_000)]
    public void Unknown_option_is_one_stderr_line_and_exit_code_2(string tool)
    {
        var (exit, stdout, stderr) = Run(tool, "--bogus", "1");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.StartWith($"{tool}: unknown option '--bogus'").And.EndWith($"(see {tool} --help)"));
    }

    [TestCase("gameserver", "--tick-rat", "30", "gameserver: unknown option '--tick-rat' (did you mean --tick-rate?)")]
    [TestCase("saveinspect", "verify", "--decod", "saveinspect verify: unknown option '--decod' (did you mean --decode?)")]
    [TestCase("gamebench", "autosave", "--entitis", "gamebench autosave: unknown option '--entitis' (did you mean --entities?)")]
    [CancelAfter(60_000)]
    public void A_mistyped_option_gets_a_suggestion(string tool, string first, string second, string expected)
    {
        var (exit, _, stderr) = Run(tool, first, second);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith(expected));
    }

    [TestCase("gameserver")]
    [TestCase("saveinspect", "map")]
    [TestCase("gamebench", "codecs")]
    [TestCase("gamebench", "autosave")]
    [TestCase("gamebench", "bdn")]
    [TestCase("gamebot")]
    [CancelAfter(60_000)]
    public void Help_prints_usage_and_never_runs_work(string tool, string? verb = null)
    {
        // Before the shared convention, 'gamebench codecs --help' started the full 1M-entity benchmark.
        var args = verb is null ? new[] { "--help" } : [verb, "--help"];
        var (exit, stdout, stderr) = Run(tool, args);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith(verb is null ? $"Usage: {tool} " : $"Usage: {tool} {verb}"));
        Assert.That(stdout, Does.Contain("-h, --help"));
        Assert.That(stdout, Does.Not.Contain("entities=").And.Not.Contain("server running"));
    }

    [TestCase("codecs", "--reps", "0", "--reps must be a whole number from 1 to 1000 (got '0')")]
    [TestCase("autosave", "--seconds", "soon", "--seconds must be a whole number from 1 to 3600 (got 'soon')")]
    [TestCase("autosave", "--entities", "1e6", "--entities must be a whole number")]
    [CancelAfter(60_000)]
    public void Gamebench_rejects_bad_values_instead_of_falling_back_to_defaults(string verb, string option, string value, string message)
    {
        var (exit, stdout, stderr) = Run("gamebench", verb, option, value);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty, "no benchmark ran");
        Assert.That(stderr, Does.StartWith($"gamebench {verb}: {message}"));
    }

    private static (int Exit, string Out, string Err) Run(string tool, params string[] args)
    {
        using var process = ChildProcess.StartDll(tool + ".dll", args);
        process.CloseInput();
        var exit = process.WaitForExit(TimeSpan.FromSeconds(45));
        return (exit, process.Output, process.Errors);
    }
}
