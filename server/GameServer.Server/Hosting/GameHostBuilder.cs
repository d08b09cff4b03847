using GameServer.Server.Commands;
using GameServer.Server.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GameServer.Server.Hosting;

/// <summary>
/// Composes a <see cref="GameHost"/> from its settings, the game it hosts, where its saves live, its log
/// and its clock. The executable, the tests and embedders build hosts here; nothing else wires a server.
/// </summary>
/// <example><code>
/// using var host = new GameHostBuilder(options).UseGame(new DemoGame()).UseLogger(log).Build();
/// host.Start();
/// </code></example>
public sealed class GameHostBuilder
{
    private readonly ServerOptions _options;
    private readonly List<IAdminCommand> _extraCommands = [];
    private IGame? _game;
    private string? _worldDirectory;
    private ILogger _log = NullLogger.Instance;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>A builder for a server with <paramref name="options"/>.</summary>
    public GameHostBuilder(ServerOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The game to host (required).</summary>
    public GameHostBuilder UseGame(IGame game)
    {
        _game = game ?? throw new ArgumentNullException(nameof(game));
        return this;
    }

    /// <summary>Where this world's saves live; defaults to <see cref="ServerOptions.WorldDirectory"/>.</summary>
    public GameHostBuilder UseSaveLocation(string worldDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(worldDirectory);
        _worldDirectory = worldDirectory;
        return this;
    }

    /// <summary>The server's log; defaults to none.</summary>
    public GameHostBuilder UseLogger(ILogger log)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        return this;
    }

    /// <summary>The clock of the tick loop and autosave schedule; defaults to the system clock.</summary>
    public GameHostBuilder UseTimeProvider(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        return this;
    }

    /// <summary>Adds an admin command beside the built-in ones (e.g. a game's own).</summary>
    public GameHostBuilder AddCommand(IAdminCommand command)
    {
        _extraCommands.Add(command ?? throw new ArgumentNullException(nameof(command)));
        return this;
    }

    /// <summary>The composed host; nothing runs until <see cref="GameHost.Start"/>.</summary>
    /// <exception cref="InvalidOperationException">No game was given.</exception>
    public GameHost Build()
    {
        var game = _game ?? throw new InvalidOperationException("a host needs a game: call UseGame first");
        var commands = AdminCommands.CreateRegistry();
        foreach (var command in _extraCommands) commands.Register(command);
        return new GameHost(_options, game, _worldDirectory ?? _options.WorldDirectory, commands, _log, _time);
    }
}
