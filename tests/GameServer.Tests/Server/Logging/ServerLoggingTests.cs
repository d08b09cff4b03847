using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Server.Logging;

public class ServerLoggingTests
{
    [Test]
    public void Log_file_under_the_save_root_gets_the_console_lines_without_colour_or_bom()
    {
        using var folder = new TempFolder();
        var console = new PlainConsoleWriter(new StringWriter(), new StringWriter(), outputColour: true, errorColour: true);
        string file;
        using (var logging = ServerLogging.Create(new ServerOptions { SavesRoot = folder.Path }, console))
        {
            file = logging.CurrentFile;
            logging.Logger.LogInformation("saved {File} tick {Tick}, pause {PauseMs:0.##} ms", "auto-x.gsav", 291, 0.0512);
            logging.Logger.LogError(new IOException("disk full"), "save of tick {Tick} failed", 292);
        }

        Assert.That(Path.GetDirectoryName(file), Is.EqualTo(Path.Combine(folder.Path, "logs")));
        var bytes = File.ReadAllBytes(file);
        Assert.That(bytes[0], Is.EqualTo((byte)'2'), "no byte order mark: the file starts with the first timestamp");
        var lines = File.ReadAllLines(file);
        Assert.That(lines[0], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO  log file .*gameserver-\d{8}\.log"));
        Assert.That(lines, Has.Some.Match(@"Z INFO  saved auto-x\.gsav tick 291, pause 0\.05 ms$"), "strings unquoted, formats applied");
        Assert.That(lines, Has.Some.Match(@"Z ERROR save of tick 292 failed$"));
        Assert.That(lines, Has.Some.StartWith("System.IO.IOException: disk full"), "the file keeps the whole exception");
        Assert.That(File.ReadAllText(file), Does.Not.Contain('\u001b'));
    }

    [Test]
    public void Log_level_warning_drops_information_from_the_console_and_the_file()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();
        var options = new ServerOptions { SavesRoot = folder.Path, LogDirectory = Path.Combine(folder.Path, "elsewhere"), LogLevel = LogLevel.Warning };
        string file;
        using (var logging = ServerLogging.Create(options, new PlainConsoleWriter(output, error)))
        {
            file = logging.CurrentFile;
            logging.Logger.LogInformation("routine");
            logging.Logger.LogWarning("unusual");
        }

        Assert.That(file, Does.StartWith(Path.Combine(folder.Path, "elsewhere")));
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(error.ToString(), Does.Contain("WARN  unusual"));
        Assert.That(File.ReadAllText(file), Does.Contain("WARN  unusual").And.Not.Contain("routine"));
    }
}
