using System.Diagnostics;
using GameServer.Bot;
using GameServer.Demo;
using GameServer.Server.Hosting;
using GameServer.Server.Logging;
using GameServer.Server.Settings;
using GameServer.Tests.Support;

namespace GameServer.Tests.Network.Players;

/// <summary>An in-process server on a free UDP port, and bots to drive against it.</summary>
internal sealed class PlayerTestServer : IDisposable
{
    private readonly List<BotPlayer> _bots = [];

    public PlayerTestServer(Func<ServerOptions, ServerOptions>? configure = null)
    {
        Folder = new TempFolder();
        var options = new ServerOptions { SavesRoot = Folder.Path, WorldName = "players", Entities = 3000, TickRate = 30, AutosaveIntervalSeconds = 600, Port = 0, Bind = "127.0.0.1", AdminPort = 0 };
        Options = configure?.Invoke(options) ?? options;
        Log = new StringWriter();
        Host = new GameHostBuilder(Options).UseGame(new DemoGame()).UseLogger(new ConsoleLog(TextWriter.Synchronized(Log))).Build();
        Host.Start();
    }

    public TempFolder Folder { get; }

    public ServerOptions Options { get; }

    public StringWriter Log { get; }

    public GameHost Host { get; }

    public int Port => Host.Players!.Port;

    public BotPlayer Bot(string name, BotTokens? tokens = null, string? key = null)
    {
        var options = new BotOptions { Host = "127.0.0.1", Port = Port, ConnectionKey = key ?? Options.ConnectionKey };
        var bot = new BotPlayer(name, options, tokens ?? new BotTokens(null), seed: _bots.Count + 1);
        _bots.Add(bot);
        bot.Connect();
        return bot;
    }

    /// <summary>Drives every bot until <paramref name="done"/> holds; fails after <paramref name="seconds"/>.</summary>
    public void DriveUntil(Func<bool> done, double seconds = 10, string? what = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline) Assert.Fail($"timed out waiting for {what ?? "the bots"}");
            Drive();
            Thread.Sleep(2);
        }
    }

    /// <summary>Drives every bot for <paramref name="seconds"/>.</summary>
    public void DriveFor(double seconds)
    {
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            Drive();
            Thread.Sleep(2);
        }
    }

    public void Dispose()
    {
        foreach (var bot in _bots) bot.Dispose();
        Host.Dispose();
        Folder.Dispose();
    }

    private void Drive()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var bot in _bots) bot.Update(now);
    }
}
