using System.Diagnostics;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server.Input;

/// <summary>
/// The real <c>gameserver</c> in a pseudo-terminal (a private tmux server), typed at key by key, with the
/// screen read back as the operator sees it.
/// </summary>
[CancelAfter(120_000)]
public class TerminalConsoleTests
{
    private TempFolder _folder = null!;
    private string _socket = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _socket = _folder.File("tmux.sock");
    }

    [TearDown]
    public void TearDown()
    {
        if (File.Exists(_socket)) Tmux(["kill-server"], check: false);
        _folder.Dispose();
    }

    [Test]
    public void Log_lines_print_above_the_prompt_without_breaking_the_typed_command_and_quit_takes_a_final_save()
    {
        var saves = _folder.File("saves");
        var exitFile = _folder.File("exit-code");
        var server = $"'{ChildProcess.LocateDll("gameserver.dll")}' --saves '{saves}' --world w --entities 3000 --autosave-interval 1 --port 0 --admin-port 0";
        Tmux(["new-session", "-d", "-x", "220", "-y", "50", "-s", "gs", $"env -u NO_COLOR dotnet {server}; echo $? > '{exitFile}'"]);
        WaitForScreen(s => s.Contains("server running", StringComparison.Ordinal) && LastRow(s) == ">", "the prompt after start");

        // Half a command, then a save's log line arrives while it is typed.
        SendText("sta");
        var savesBefore = CountSaveLines(Screen());
        var screen = WaitForScreen(s => CountSaveLines(s) > savesBefore, "a save's log line while typing");
        screen = WaitForScreen(s => LastRow(s) == "> sta", "the typed text redrawn after the log line");
        var rows = Rows(screen);
        Assert.That(rows[^2], Does.Match(@"^\d{4}-\d\d-\d\dT[\d:.]+Z (INFO |WARN ) "), "log lines sit right above the prompt");
        Assert.That(rows.Count(r => r.StartsWith('>')), Is.EqualTo(1), "one prompt: none left behind in the scrolled lines");

        SendText("tus");
        SendKeys("Enter");
        screen = WaitForScreen(s => s.Contains("autosave: on interval=1s", StringComparison.Ordinal), "the status reply");
        Assert.That(screen, Does.Contain("\n> status\n"), "the entered line stays above its reply");
        Assert.That(screen, Does.Not.Contain("unknown command"));
        Assert.That(Tmux(["capture-pane", "-p", "-e", "-t", "gs"]), Does.Contain("\u001b["), "a terminal gets colour");

        // History and completion.
        SendKeys("Up");
        WaitForScreen(s => LastRow(s) == "> status", "up recalls the last command");
        SendKeys("C-u");
        SendText("qu");
        SendKeys("Tab");
        WaitForScreen(s => LastRow(s) == "> quit", "tab completes the command name");
        SendKeys("Enter");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(File.Exists(exitFile) && File.ReadAllText(exitFile).Length > 0) && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.That(File.Exists(exitFile), Is.True, "gameserver did not exit within 30 s of 'quit'");
        Assert.That(File.ReadAllText(exitFile).Trim(), Is.EqualTo("0"));
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(saves, "logs"), "gameserver-*.log").Single());
        Assert.That(log, Does.Contain("INFO  final save ").And.Contain("stopped (exit code 0)"));
    }

    private static int CountSaveLines(string screen) => Rows(screen).Count(r => r.Contains("INFO  saved auto-", StringComparison.Ordinal));

    private static string[] Rows(string screen) =>
        screen.Split('\n').Select(r => r.TrimEnd()).Where(r => r.Length > 0).ToArray();

    private static string LastRow(string screen) => Rows(screen) is { Length: > 0 } rows ? rows[^1] : "";

    /// <summary>The screen and what scrolled off it (so counting lines never misses one).</summary>
    private string Screen() => Tmux(["capture-pane", "-p", "-S", "-1000", "-t", "gs"]);

    private string WaitForScreen(Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var screen = Screen();
            if (condition(screen)) return screen;
            if (DateTime.UtcNow > deadline) throw new AssertionException($"waited 30 s for {what}; the screen:\n{screen}");
            Thread.Sleep(100);
        }
    }

    private void SendText(string text) => Tmux(["send-keys", "-t", "gs", "-l", text]);

    private void SendKeys(string key) => Tmux(["send-keys", "-t", "gs", key]);

    private string Tmux(IEnumerable<string> args, bool check = true)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(_socket);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GAMESERVER_", StringComparison.Ordinal) || k == "TMUX").ToList()) info.Environment.Remove(key);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new AssertionException("tmux is not installed: this test drives gameserver through a pseudo-terminal with it (apt-get install tmux; .ci/run installs it)");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000)) throw new AssertionException("tmux did not answer within 10 s");
            if (check && process.ExitCode != 0) throw new AssertionException($"tmux {string.Join(' ', info.ArgumentList)} failed: {error.Result}");
            return output.Result;
        }
    }
}
