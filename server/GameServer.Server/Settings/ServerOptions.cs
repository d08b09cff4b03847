using GameServer.Persistence.AzureBlob;
using Microsoft.Extensions.Logging;

namespace GameServer.Server.Settings;

/// <summary>Everything the dedicated server can be told at start; defaults run a demo world.</summary>
public sealed record ServerOptions
{
    /// <summary>Root folder of all worlds' saves (a world's saves live in <c>&lt;root&gt;/&lt;world&gt;/</c>).</summary>
    public string SavesRoot { get; init; } = "saves";

    /// <summary>
    /// Blob storage for all worlds' saves (<c>--store azblob:CONTAINER/PREFIX</c>), or null for the local folder
    /// <see cref="SavesRoot"/> (<c>--store file:DIR</c> sets that instead). The connection string is not here:
    /// it comes from <c>GAMESERVER_AZURE_CONNECTION_STRING</c> when the store is opened.
    /// </summary>
    public StoreAddress? BlobStore { get; init; }

    /// <summary>World name: the save folder and the name recorded in headers.</summary>
    public string WorldName { get; init; } = "default";

    /// <summary>Entities of a freshly generated demo world.</summary>
    public int Entities { get; init; } = 200_000;

    /// <summary>Seed of the demo world and simulation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Ticks per second.</summary>
    public int TickRate { get; init; } = 30;

    /// <summary>Seconds between scheduled autosaves.</summary>
    public double AutosaveIntervalSeconds { get; init; } = 60;

    /// <summary>Newest autosaves kept.</summary>
    public int Keep { get; init; } = 10;

    /// <summary>Whether autosaves may be deltas against the previous autosave.</summary>
    public bool Delta { get; init; } = true;

    /// <summary>Most delta autosaves after a full one.</summary>
    public int FullEvery { get; init; } = 10;

    /// <summary>How many nice levels below the process the save's threads run (autosave, blob uploads; 0-19, 0: not lowered).</summary>
    public int SaveNice { get; init; } = 10;

    /// <summary>Bytes a save must leave free on its volume (default 64 MiB); on a small volume at most 5 % of its size.</summary>
    public long FreeSpaceMarginBytes { get; init; } = 64L << 20;

    /// <summary>Save codec ("zstd-1", "none", ...).</summary>
    public string Codec { get; init; } = "zstd-1";

    /// <summary>Most ticks run back to back to catch up after a stall before time is dropped.</summary>
    public int MaxCatchUpTicks { get; init; } = 5;

    /// <summary>UDP port for players (0: any free port; the log names the bound one).</summary>
    public int Port { get; init; } = 9050;

    /// <summary>IPv4 address the players' port binds.</summary>
    public string Bind { get; init; } = "0.0.0.0";

    /// <summary>Most player connections at once.</summary>
    public int MaxPlayers { get; init; } = 256;

    /// <summary>LiteNetLib connection key clients must send (filters stray traffic; not authentication).</summary>
    public string ConnectionKey { get; init; } = "gameserver";

    /// <summary>Least severe log level written to the console and the log file.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Folder of the rolling log files; null means <c>&lt;saves&gt;/logs</c>.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>The folder of the log files: <see cref="LogDirectory"/>, else <c>logs</c> under the save root.</summary>
    public string LogDirectoryOrDefault => LogDirectory ?? Path.Combine(SavesRoot, "logs");

    /// <summary>Port serving Prometheus metrics at <c>/metrics</c> (0: any free port); null (the default) serves none.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>Address the metrics port listens on: an IP address, <c>localhost</c> or <c>*</c> (every interface).</summary>
    public string MetricsBind { get; init; } = "127.0.0.1";

    /// <summary>Address the remote admin listener binds (IPv4); loopback unless the operator opens it up.</summary>
    public string AdminBind { get; init; } = "127.0.0.1";

    /// <summary>UDP port of the remote admin listener; 0 binds any free port (the startup log names it).</summary>
    public int AdminPort { get; init; } = 9051;

    /// <summary>
    /// The admin key file; null means <c>&lt;saves&gt;/admin.key</c>, created with a random key when missing;
    /// <see cref="AdminDisabled"/> turns remote admin off.
    /// </summary>
    public string? AdminKeyFile { get; init; }

    /// <summary>The <see cref="AdminKeyFile"/> value that turns remote admin off.</summary>
    public const string AdminDisabled = "none";

    /// <summary>Whether the remote admin listener runs.</summary>
    public bool AdminEnabled => !string.Equals(AdminKeyFile, AdminDisabled, StringComparison.OrdinalIgnoreCase);

    /// <summary>The admin key file to read or create.</summary>
    public string AdminKeyPath => AdminKeyFile ?? Path.Combine(SavesRoot, "admin.key");

    /// <summary>The folder of this world's saves.</summary>
    public string WorldDirectory => Path.Combine(SavesRoot, WorldName);
}
