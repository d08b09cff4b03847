namespace GameServer.Tests.Support;

/// <summary>A wall clock a test can set anywhere, backwards included (an NTP correction, an admin's date command).</summary>
internal sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
