using GameServer.Server.Commands;

namespace GameServer.Tests.Support;

/// <summary>A command output that keeps every reply line and every end-of-reply outcome.</summary>
internal sealed class ReplyRecorder : ICommandOutput
{
    private readonly List<string> _lines = [];
    private readonly List<CommandOutcome> _ends = [];

    public List<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public List<CommandOutcome> Ends
    {
        get
        {
            lock (_lines) return [.. _ends];
        }
    }

    public void WriteLine(string line)
    {
        lock (_lines) _lines.Add(line);
    }

    public void EndReply(CommandOutcome outcome)
    {
        lock (_lines) _ends.Add(outcome);
    }
}
