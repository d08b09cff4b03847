using GameServer.Server.Settings;
using GameServer.Tests.Support;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Server.Logging;

/// <summary>--log-level and --log-dir read like every other setting: flag over environment over JSON.</summary>
public class LogSettingsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Test]
    public void Defaults_are_information_and_logs_under_the_save_root()
    {
        using var folder = new TempFolder();
        var options = ServerOptionsParser.Parse(["--saves", "data"], NoEnvironment, folder.Path);
        Assert.That(options.LogLevel, Is.EqualTo(LogLevel.Information));
        Assert.That(options.LogDirectoryOrDefault, Is.EqualTo(Path.Combine("data", "logs")));
    }

    [Test]
    public void Log_settings_come_from_flags_environment_and_json()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("gameserver.json"), """{ "logLevel": "debug", "logDir": "/var/log/fromjson" }""");
        var fromJson = ServerOptionsParser.Parse([], NoEnvironment, folder.Path);
        Assert.That((fromJson.LogLevel, fromJson.LogDirectory), Is.EqualTo((LogLevel.Debug, "/var/log/fromjson")));

        var environment = new Dictionary<string, string?> { ["GAMESERVER_LOG_LEVEL"] = "warning", ["GAMESERVER_LOG_DIR"] = "/var/log/fromenv" };
        var fromEnvironment = ServerOptionsParser.Parse([], environment, folder.Path);
        Assert.That((fromEnvironment.LogLevel, fromEnvironment.LogDirectory), Is.EqualTo((LogLevel.Warning, "/var/log/fromenv")));

        var fromFlags = ServerOptionsParser.Parse(["--log-level", "ERROR", "--log-dir", "here"], environment, folder.Path);
        Assert.That((fromFlags.LogLevel, fromFlags.LogDirectory), Is.EqualTo((LogLevel.Error, "here")));
    }

    [TestCase("trace", LogLevel.Trace)]
    [TestCase("info", LogLevel.Information)]
    [TestCase("warn", LogLevel.Warning)]
    public void Level_names_and_short_forms_parse(string value, LogLevel expected)
    {
        using var folder = new TempFolder();
        Assert.That(ServerOptionsParser.Parse(["--log-level", value], NoEnvironment, folder.Path).LogLevel, Is.EqualTo(expected));
    }

    [Test]
    public void A_bad_level_names_the_choices()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse(["--log-level", "loud"], NoEnvironment, folder.Path));
        Assert.That(error!.Message, Is.EqualTo("--log-level must be trace, debug, information, warning or error (got 'loud')"));
    }

    [Test]
    public void Help_lists_the_log_settings()
    {
        var help = ServerOptionsParser.Help();
        Assert.That(help, Does.Contain("--log-level LEVEL").And.Contain("GAMESERVER_LOG_LEVEL").And.Contain("\"logLevel\""));
        Assert.That(help, Does.Contain("--log-dir DIR").And.Contain("GAMESERVER_LOG_DIR").And.Contain("\"logDir\""));
    }
}
