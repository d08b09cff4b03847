using GameServer.Cli;

namespace GameServer.Server.Settings;

/// <summary>A bad setting: the message is the one line the operator sees before exit code 2.</summary>
public sealed class OptionsException(string message) : UsageException(message);
