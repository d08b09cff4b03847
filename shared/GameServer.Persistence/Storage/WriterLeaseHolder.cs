using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GameServer.Persistence.Storage;

/// <summary>Who holds a writer lease: process id, host name and when that process started.</summary>
/// <param name="ProcessId">The holder's process id.</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="StartedAtUtc">When the holding process started (UTC).</param>
public sealed record WriterLeaseHolder(int ProcessId, string HostName, DateTime StartedAtUtc)
{
    /// <summary>This process.</summary>
    public static WriterLeaseHolder Current()
    {
        using var process = Process.GetCurrentProcess();
        return new WriterLeaseHolder(Environment.ProcessId, Environment.MachineName, process.StartTime.ToUniversalTime());
    }

    /// <summary>The text a lock file holds: one <c>key=value</c> per line.</summary>
    public string Serialize() => string.Create(
        CultureInfo.InvariantCulture,
        $"pid={ProcessId}\nhost={HostName}\nstarted={StartedAtUtc.ToString("O", CultureInfo.InvariantCulture)}\n");

    /// <summary>Parses <see cref="Serialize"/>'s text; null when it is empty or unreadable (a holder still writing it).</summary>
    public static WriterLeaseHolder? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        int? pid = null;
        var host = "";
        var started = DateTime.MinValue;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var value = line[(eq + 1)..];
            switch (line[..eq])
            {
                case "pid" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p):
                    pid = p;
                    break;
                case "host":
                    host = value;
                    break;
                case "started" when DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var s):
                    started = s.ToUniversalTime();
                    break;
            }
        }

        return pid is { } id ? new WriterLeaseHolder(id, host, started) : null;
    }

    /// <summary>"pid 1234 on host 'web-1', started 2026-11-25 12:00:00Z".</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"pid {ProcessId}");
        if (HostName.Length > 0) text.Append(CultureInfo.InvariantCulture, $" on host '{HostName}'");
        if (StartedAtUtc != DateTime.MinValue) text.Append(CultureInfo.InvariantCulture, $", started {StartedAtUtc:yyyy-MM-dd HH:mm:ss}Z");
        return text.ToString();
    }
}
