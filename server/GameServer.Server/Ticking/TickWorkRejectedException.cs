namespace GameServer.Server.Ticking;

/// <summary>Work for the tick thread was refused (queue full) or abandoned (the server stopped first).</summary>
public sealed class TickWorkRejectedException(string message) : InvalidOperationException(message);
