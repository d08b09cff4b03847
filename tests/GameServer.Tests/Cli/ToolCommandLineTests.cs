using GameServer.Cli;

namespace GameServer.Tests.Cli;

/// <summary>The shared command-line convention, on a small tool built in the test.</summary>
public class ToolCommandLineTests
{
    private sealed class Tool
    {
        public int Runs { get; private set; }

        public ToolCommand Root { get; }

        public Tool()
        {
            Root = ToolCommandLine.CreateRoot("demo", "A demo tool.", typeof(ToolCommandLine).Assembly);
            var work = new ToolCommand("work", "Does the work.") { Usage = "FILE [--seed N]", Epilogue = "Exit codes: 0 ok." };
            var seed = work.AddValue("--seed", "N", "seed, 0 to 100 (default 1)");
            var files = new System.CommandLine.Argument<string[]>("FILE") { Arity = System.CommandLine.ArgumentArity.ZeroOrMore };
            work.Arguments.Add(files);
            work.AddFlag("--json", "print JSON");
            work.SetAction(result =>
            {
                Runs++;
                var value = OptionValues.Int(result, seed, 1, 0, 100);
                result.InvocationConfiguration.Output.WriteLine($"seed {value} files {string.Join(",", result.GetValue(files) ?? [])}");
                return ExitCodes.Ok;
            });
            Root.Subcommands.Add(work);
        }

        public (int Exit, string Out, string Err) Run(params string[] args)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = ToolCommandLine.Run(Root, args, stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
    }

    [Test]
    public void Help_of_a_verb_prints_usage_and_aligned_options_and_never_runs_it()
    {
        var tool = new Tool();
        var (exit, stdout, stderr) = tool.Run("work", "--seed", "5", "--help");
        Assert.That((exit, stderr, tool.Runs), Is.EqualTo((0, "", 0)));
        Assert.That(stdout, Does.StartWith("Usage: demo work FILE [--seed N]"));
        var rows = stdout.Split('\n').SkipWhile(l => l != "Options:").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.That(rows, Has.Count.EqualTo(3));
        var columns = rows.Select(r => System.Text.RegularExpressions.Regex.Match(r, @"^  \S.*?\s{2,}(\S)").Groups[1].Index).ToList();
        Assert.That(columns.Distinct().ToList(), Has.Count.EqualTo(1).And.All.GreaterThan(0), "descriptions start in one column:\n" + stdout);
        Assert.That(stdout, Does.Contain("Exit codes: 0 ok."));
    }

    [Test]
    public void Help_that_follows_an_unknown_option_is_still_help()
    {
        var tool = new Tool();
        Assert.That(tool.Run("work", "--bogus", "--help").Exit, Is.Zero);
        Assert.That(tool.Runs, Is.Zero);
    }

    [Test]
    public void Version_prints_the_assembly_informational_version()
    {
        var (exit, stdout, _) = new Tool().Run("--version");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout.TrimEnd(), Is.EqualTo(ToolVersion.Of(typeof(ToolCommandLine).Assembly)));
        Assert.That(stdout, Does.StartWith(Support.Repository.Version));
    }

    [TestCase(new[] { "work", "--sed", "3" }, "demo work: unknown option '--sed' (did you mean --seed?) (see demo work --help)")]
    [TestCase(new[] { "work", "--bogus" }, "demo work: unknown option '--bogus' (see demo work --help)")]
    [TestCase(new[] { "work", "a.gsav", "--jsno" }, "demo work: unknown option '--jsno' (did you mean --json?) (see demo work --help)")]
    [TestCase(new[] { "work", "--seed" }, "demo work: --seed needs a value (see demo work --help)")]
    [TestCase(new[] { "work", "--seed", "many" }, "demo work: --seed must be a whole number from 0 to 100 (got 'many') (see demo work --help)")]
    [TestCase(new[] { "wrok" }, "demo: unknown verb 'wrok' (did you mean work?) (see demo --help)")]
    [TestCase(new[] { "frobnicate" }, "demo: unknown verb 'frobnicate' (verbs: work) (see demo --help)")]
    public void Usage_errors_are_one_line_with_a_suggestion_and_exit_code_2(string[] args, string expected)
    {
        var tool = new Tool();
        var (exit, stdout, stderr) = tool.Run(args);
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr, Is.EqualTo(expected + Environment.NewLine));
        Assert.That(stdout, Is.Empty);
        Assert.That(tool.Runs, Is.LessThanOrEqualTo(1), "a bad value is found by the action, before any work");
    }

    [Test]
    public void A_dash_led_word_after_double_dash_is_an_argument()
    {
        var (exit, stdout, _) = new Tool().Run("work", "--", "--odd-name.gsav");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("files --odd-name.gsav"));
    }

    [Test]
    public void No_arguments_show_the_verbs_on_stderr_with_exit_code_2()
    {
        var (exit, stdout, stderr) = new Tool().Run();
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.StartWith("Usage: demo <verb> [options]").And.Contain("  work "));
    }

    [TestCase("--sed", "--seed")]
    [TestCase("--tick", "--tick-rate")]
    [TestCase("--seeds", "--seed")]
    [TestCase("--bogus", null)]
    [TestCase("--x", null)]
    public void Closest_name_suggests_only_plausible_typos(string typed, string? expected)
    {
        Assert.That(ClosestName.Find(typed, ["--seed", "--saves", "--tick-rate", "--keep", "--world"]), Is.EqualTo(expected));
    }
}
