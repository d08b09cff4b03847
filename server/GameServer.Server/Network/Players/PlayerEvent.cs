using GameServer.Protocol.Players;

namespace GameServer.Server.Network.Players;

/// <summary>A join or a leave, handed from the network thread to the tick thread.</summary>
/// <param name="Session">The connection.</param>
/// <param name="Join">The decoded join request; null for a leave.</param>
internal readonly record struct PlayerEvent(PlayerSession Session, JoinRequest? Join);
