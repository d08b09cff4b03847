using GameServer.Server.Logging;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Server.Logging;

public partial class LogLineFormatTests
{
    private static readonly DateTimeOffset Berlin = new(2026, 11, 25, 15, 30, 20, 123, TimeSpan.FromHours(1));

    [Test]
    public void Line_has_a_utc_timestamp_with_milliseconds_then_the_level_then_the_message()
    {
        Assert.That(LogLineFormat.Format(Berlin, LogLevel.Information, "server running", null, colour: false),
            Is.EqualTo("2026-11-25T14:30:20.123Z INFO  server running"));
        Assert.That(LogLineFormat.Format(Berlin, LogLevel.Warning, "skipped save", null, colour: false), Does.StartWith("2026-11-25T14:30:20.123Z WARN  skipped"));
        Assert.That(LogLineFormat.Format(Berlin, LogLevel.Error, "save failed", new IOException("disk full"), colour: false),
            Is.EqualTo("2026-11-25T14:30:20.123Z ERROR save failed (IOException: disk full)"));
    }

    [Test]
    public void Colour_only_when_asked_and_the_text_is_the_same_without_it()
    {
        var plain = LogLineFormat.Format(Berlin, LogLevel.Warning, "careful", null, colour: false);
        var coloured = LogLineFormat.Format(Berlin, LogLevel.Warning, "careful", null, colour: true);
        Assert.That(plain, Does.Not.Contain('\u001b'));
        Assert.That(coloured, Does.Contain("\u001b[33mWARN "));
        Assert.That(AnsiPattern().Replace(coloured, ""), Is.EqualTo(plain));
    }

    [TestCase(true, null, "xterm-256color", false, TestName = "No_colour_when_redirected")]
    [TestCase(false, "1", "xterm-256color", false, TestName = "No_colour_when_NO_COLOR_is_set")]
    [TestCase(false, null, "dumb", false, TestName = "No_colour_on_a_dumb_terminal")]
    [TestCase(false, "", "xterm-256color", true, TestName = "Colour_on_a_terminal_with_NO_COLOR_empty")]
    public void Colour_rule(bool redirected, string? noColor, string? term, bool expected) =>
        Assert.That(TerminalColour.IsWanted(redirected, noColor, term), Is.EqualTo(expected));

    [Test]
    public void Console_log_sends_warnings_and_errors_to_stderr_and_the_rest_to_stdout_at_its_level()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var log = new ConsoleLog(new PlainConsoleWriter(output, error), LogLevel.Information);
        log.LogDebug("debug detail");
        log.LogInformation("saved it");
        log.LogWarning("skipped one");
        log.LogError("failed one");
        Assert.That(output.ToString(), Does.Contain("INFO  saved it").And.Not.Contain("debug detail").And.Not.Contain("WARN"));
        Assert.That(error.ToString(), Does.Contain("WARN  skipped one").And.Contain("ERROR failed one").And.Not.Contain("INFO"));
        Assert.That(output.ToString() + error.ToString(), Does.Not.Contain('\u001b'), "writers that are not terminals get no colour");
    }

    [System.Text.RegularExpressions.GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial System.Text.RegularExpressions.Regex AnsiPattern();
}
