using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Server;

public class ServerOptionsParserTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Test]
    public void Defaults_run_the_demo_world()
    {
        using var folder = new TempFolder();
        var options = ServerOptionsParser.Parse([], NoEnvironment, folder.Path);
        Assert.That(options, Is.EqualTo(new ServerOptions()));
        Assert.That((options.WorldName, options.Entities, options.TickRate, options.AutosaveIntervalSeconds), Is.EqualTo(("default", 200_000, 30, 60.0)));
    }

    [Test]
    public void Flags_beat_environment_which_beats_the_json_file()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("gameserver.json"), """{ "world": "fromjson", "tickRate": 20, "keep": 3, "entities": 50 }""");
        var environment = new Dictionary<string, string?> { ["GAMESERVER_TICK_RATE"] = "25", ["GAMESERVER_KEEP"] = "4" };
        var options = ServerOptionsParser.Parse(["--keep", "5"], environment, folder.Path);
        Assert.That(options.WorldName, Is.EqualTo("fromjson"));
        Assert.That(options.Entities, Is.EqualTo(50));
        Assert.That(options.TickRate, Is.EqualTo(25), "environment over json");
        Assert.That(options.Keep, Is.EqualTo(5), "flag over environment");
    }

    [Test]
    public void Remote_admin_settings_come_from_flags_environment_and_json_and_none_turns_it_off()
    {
        using var folder = new TempFolder();
        var defaults = ServerOptionsParser.Parse([], NoEnvironment, folder.Path);
        Assert.That((defaults.AdminEnabled, defaults.AdminBind, defaults.AdminPort), Is.EqualTo((true, "127.0.0.1", 9051)));
        Assert.That(defaults.AdminKeyPath, Is.EqualTo(Path.Combine("saves", "admin.key")));

        File.WriteAllText(folder.File("gameserver.json"), """{ "adminPort": 9100, "adminBind": "0.0.0.0" }""");
        var options = ServerOptionsParser.Parse(["--admin-key-file", "/etc/gs/admin.key"], new Dictionary<string, string?> { ["GAMESERVER_ADMIN_PORT"] = "0" }, folder.Path);
        Assert.That((options.AdminBind, options.AdminPort, options.AdminKeyPath), Is.EqualTo(("0.0.0.0", 0, "/etc/gs/admin.key")));

        Assert.That(ServerOptionsParser.Parse(["--admin-key-file", "none"], NoEnvironment, folder.Path).AdminEnabled, Is.False);
    }

    [Test]
    public void Store_takes_a_blob_address_or_a_folder_and_never_a_connection_string()
    {
        using var folder = new TempFolder();
        var blob = ServerOptionsParser.Parse(["--store", "azblob:game-saves/eu/shard"], NoEnvironment, folder.Path);
        Assert.That(blob.BlobStore, Is.EqualTo(new GameServer.Persistence.AzureBlob.StoreAddress(true, "game-saves", "eu/shard")));
        Assert.That(blob.BlobStore!.Describe("w"), Is.EqualTo("azblob:game-saves/eu/shard/w"));

        var local = ServerOptionsParser.Parse(["--store", "file:/srv/saves"], NoEnvironment, folder.Path);
        Assert.That((local.BlobStore, local.SavesRoot), Is.EqualTo(((GameServer.Persistence.AzureBlob.StoreAddress?)null, "/srv/saves")));

        var fromEnvironment = ServerOptionsParser.Parse([], new Dictionary<string, string?> { ["GAMESERVER_STORE"] = "azblob:c01/p" }, folder.Path);
        Assert.That(fromEnvironment.BlobStore?.Root, Is.EqualTo("c01"));
    }

    [TestCase("azblob:Bad_Container/p")]
    [TestCase("azblob:")]
    [TestCase("s3:bucket/p")]
    [TestCase("https://account.blob.core.windows.net/c")]
    public void A_bad_store_address_is_one_clear_error(string address)
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse(["--store", address], NoEnvironment, folder.Path));
        Assert.That(error!.Message, Does.StartWith("--store: ").And.Contain("azblob:CONTAINER/PREFIX"));
    }

    [Test]
    public void Config_flag_names_the_json_file()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("other.json"), """{ "autosaveInterval": 2.5 }""");
        var options = ServerOptionsParser.Parse(["--config", folder.File("other.json")], NoEnvironment, folder.Path);
        Assert.That(options.AutosaveIntervalSeconds, Is.EqualTo(2.5));
    }

    [Test]
    public void A_flag_given_twice_takes_the_later_value()
    {
        using var folder = new TempFolder();
        var options = ServerOptionsParser.Parse(["--entities", "10", "--keep", "3", "--entities=20"], NoEnvironment, folder.Path);
        Assert.That((options.Entities, options.Keep), Is.EqualTo((20, 3)));
    }

    [Test]
    public void A_settings_file_may_carry_comments_and_trailing_commas()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("gameserver.json"), """
            {
              // the world of the weekend server
              "world": "weekend",
              "keep": 4, /* a few */
            }
            """);
        var options = ServerOptionsParser.Parse([], NoEnvironment, folder.Path);
        Assert.That((options.WorldName, options.Keep), Is.EqualTo(("weekend", 4)));
    }

    [TestCase(new[] { "--tick-rate", "0" }, "--tick-rate")]
    [TestCase(new[] { "--sed", "3" }, "unknown option '--sed' (did you mean --seed?)")]
    [TestCase(new[] { "--autosave-interval", "soon" }, "--autosave-interval")]
    [TestCase(new[] { "--keep" }, "needs a value")]
    [TestCase(new[] { "--codec", "gzip" }, "Unknown codec")]
    [TestCase(new[] { "stray" }, "unexpected argument")]
    [TestCase(new[] { "--metrics-port", "65536" }, "--metrics-port must be off or a port")]
    [TestCase(new[] { "--metrics-bind", "example.com" }, "--metrics-bind must be an IP address")]
    [TestCase(new[] { "--world", "default\n" }, "world name")]
    [TestCase(new[] { "--saves", "sa\0ves" }, "--saves must not contain control characters")]
    [TestCase(new[] { "--admin-port", "70000" }, "--admin-port")]
    [TestCase(new[] { "--admin-bind", "::1" }, "IPv4 address")]
    [TestCase(new[] { "--admin-key-file", "" }, "must not be empty")]
    [TestCase(new[] { "--free-space-margin", "64X" }, "--free-space-margin must be a size in bytes")]
    public void Bad_values_are_one_line_errors(string[] args, string message)
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse(args, NoEnvironment, folder.Path));
        Assert.That(error!.Message, Does.Contain(message).And.Not.Contain("\n"));
    }

    [Test]
    public void A_bad_environment_value_names_the_variable()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse([], new Dictionary<string, string?> { ["GAMESERVER_ENTITIES"] = "lots" }, folder.Path));
        Assert.That(error!.Message, Does.StartWith("GAMESERVER_ENTITIES"));
    }

    [Test]
    public void Metrics_are_off_by_default_and_loopback_when_a_port_is_given()
    {
        using var folder = new TempFolder();
        Assert.That(ServerOptionsParser.Parse([], NoEnvironment, folder.Path).MetricsPort, Is.Null);
        var options = ServerOptionsParser.Parse(["--metrics-port", "9464"], NoEnvironment, folder.Path);
        Assert.That((options.MetricsPort, options.MetricsBind), Is.EqualTo(((int?)9464, "127.0.0.1")));
        var environment = new Dictionary<string, string?> { ["GAMESERVER_METRICS_PORT"] = "9464" };
        Assert.That(ServerOptionsParser.Parse(["--metrics-port", "off"], environment, folder.Path).MetricsPort, Is.Null, "a flag turns an inherited port off");
    }

    [Test]
    public void Metrics_settings_come_from_flags_environment_and_json()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("gameserver.json"), """{ "metricsPort": 9100, "metricsBind": "0.0.0.0" }""");
        var fromJson = ServerOptionsParser.Parse([], NoEnvironment, folder.Path);
        Assert.That((fromJson.MetricsPort, fromJson.MetricsBind), Is.EqualTo(((int?)9100, "0.0.0.0")));
        var environment = new Dictionary<string, string?> { ["GAMESERVER_METRICS_PORT"] = "9200", ["GAMESERVER_METRICS_BIND"] = "::1" };
        var fromFlags = ServerOptionsParser.Parse(["--metrics-bind", "*"], environment, folder.Path);
        Assert.That((fromFlags.MetricsPort, fromFlags.MetricsBind), Is.EqualTo(((int?)9200, "*")));
    }

    [Test]
    public void Delta_and_full_every_come_from_flags_environment_or_json_and_bad_values_are_refused()
    {
        using var folder = new TempFolder();
        var defaults = ServerOptionsParser.Parse([], NoEnvironment, folder.Path);
        Assert.That(defaults.Delta, Is.True);
        Assert.That(defaults.FullEvery, Is.EqualTo(10));

        File.WriteAllText(folder.File("gameserver.json"), """{ "delta": "off", "fullEvery": 3 }""");
        var fromJson = ServerOptionsParser.Parse([], NoEnvironment, folder.Path);
        Assert.That(fromJson.Delta, Is.False);
        Assert.That(fromJson.FullEvery, Is.EqualTo(3));

        var environment = new Dictionary<string, string?> { ["GAMESERVER_DELTA"] = "on", ["GAMESERVER_FULL_EVERY"] = "7" };
        var fromFlags = ServerOptionsParser.Parse(["--full-every", "20"], environment, folder.Path);
        Assert.That(fromFlags.Delta, Is.True, "environment over json");
        Assert.That(fromFlags.FullEvery, Is.EqualTo(20), "flag over environment");

        Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse(["--delta", "maybe"], NoEnvironment, folder.Path));
        Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse(["--full-every", "-1"], NoEnvironment, folder.Path));
    }

    [Test]
    public void Save_nice_defaults_to_ten_comes_from_flags_environment_or_json_and_is_refused_outside_0_to_19()
    {
        using var folder = new TempFolder();
        Assert.That(ServerOptionsParser.Parse([], NoEnvironment, folder.Path).SaveNice, Is.EqualTo(10));

        File.WriteAllText(folder.File("gameserver.json"), """{ "saveNice": 5 }""");
        Assert.That(ServerOptionsParser.Parse([], NoEnvironment, folder.Path).SaveNice, Is.EqualTo(5));
        var environment = new Dictionary<string, string?> { ["GAMESERVER_SAVE_NICE"] = "0" };
        Assert.That(ServerOptionsParser.Parse([], environment, folder.Path).SaveNice, Is.EqualTo(0), "environment over json");
        Assert.That(ServerOptionsParser.Parse(["--save-nice", "19"], environment, folder.Path).SaveNice, Is.EqualTo(19), "flag over environment");

        Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse(["--save-nice", "20"], NoEnvironment, folder.Path));
        Assert.Throws<OptionsException>(() => ServerOptionsParser.Parse(["--save-nice", "-1"], NoEnvironment, folder.Path));
    }

    [Test]
    public void Free_space_margin_takes_sizes_with_units_from_flags_environment_or_json()
    {
        using var folder = new TempFolder();
        Assert.That(ServerOptionsParser.Parse([], NoEnvironment, folder.Path).FreeSpaceMarginBytes, Is.EqualTo(64L << 20));

        File.WriteAllText(folder.File("gameserver.json"), """{ "freeSpaceMargin": "500MB" }""");
        Assert.That(ServerOptionsParser.Parse([], NoEnvironment, folder.Path).FreeSpaceMarginBytes, Is.EqualTo(500_000_000));

        var environment = new Dictionary<string, string?> { ["GAMESERVER_FREE_SPACE_MARGIN"] = "1G" };
        Assert.That(ServerOptionsParser.Parse([], environment, folder.Path).FreeSpaceMarginBytes, Is.EqualTo(1L << 30), "environment over json");
        Assert.That(ServerOptionsParser.Parse(["--free-space-margin", "4096"], environment, folder.Path).FreeSpaceMarginBytes, Is.EqualTo(4096), "flag over environment");
    }
}
