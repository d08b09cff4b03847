using System.Text;
using GameServer.Protocol.Admin;
using GameServer.Server.Commands;

namespace GameServer.Server.Network.Admin;

/// <summary>
/// The reply to one remote command: each line becomes an <see cref="AdminReplyLine"/>, and the end an
/// <see cref="AdminReplyEnd"/>, queued to the listener's network thread in order.
/// </summary>
/// <remarks>
/// Thread-safe: commands write from the tick thread or from background tasks. Lines after the end, or after
/// the connection closed, are dropped. Long lines are cut and control characters replaced, so a reply
/// always fits the protocol's bounds.
/// </remarks>
internal sealed class AdminReply(AdminSession session, uint requestId, Action<AdminSession, byte[], bool> send) : ICommandOutput
{
    private readonly object _gate = new();
    private bool _ended;

    /// <summary>Whether the end marker has been queued.</summary>
    public bool Ended
    {
        get
        {
            lock (_gate) return _ended;
        }
    }

    /// <inheritdoc />
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_ended || !session.IsOpen) return;
            send(session, AdminCodec.Encode(new AdminReplyLine(requestId, Clean(line ?? string.Empty, AdminLimits.MaxReplyChars))), false);
        }
    }

    /// <inheritdoc />
    public void EndReply(CommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        End(outcome.Succeeded, outcome.Reason);
    }

    /// <summary>Ends the reply (once; later calls do nothing).</summary>
    public void End(bool succeeded, string? reason)
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            if (!session.IsOpen) return;
            send(session, AdminCodec.Encode(new AdminReplyEnd(requestId, succeeded, succeeded ? string.Empty : Clean(reason ?? "failed", AdminLimits.MaxReasonChars))), true);
        }
    }

    private static string Clean(string text, int maxChars)
    {
        if (text.Length > maxChars) text = string.Concat(text.AsSpan(0, maxChars - 3), "...");
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f') && !text.Contains('\u007f', StringComparison.Ordinal)) return text;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text) clean.Append(char.IsControl(c) && c != '\t' ? '?' : c);
        return clean.ToString();
    }
}
