namespace GameServer.Tests.Support;

/// <summary>The simulated machine lost power: this call and every later one fail, and nothing changes any more.</summary>
internal sealed class PowerLossException() : IOException("simulated power loss");
