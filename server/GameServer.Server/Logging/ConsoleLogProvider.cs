using Microsoft.Extensions.Logging;

namespace GameServer.Server.Logging;

/// <summary>Hands one <see cref="ConsoleLog"/> to a logger factory for every category (the console shows no category).</summary>
public sealed class ConsoleLogProvider(ConsoleLog log) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => log;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
