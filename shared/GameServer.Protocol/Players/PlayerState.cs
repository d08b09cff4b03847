using System.Runtime.InteropServices;

namespace GameServer.Protocol.Players;

/// <summary>The player's own entity as the server sees it.</summary>
/// <param name="X">Position x (metres).</param>
/// <param name="Y">Position y (metres).</param>
/// <param name="Z">Height.</param>
/// <param name="VelocityX">Velocity along x (m/s).</param>
/// <param name="VelocityY">Velocity along y (m/s).</param>
/// <param name="Hp">Hit points.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct PlayerState(float X, float Y, float Z, float VelocityX, float VelocityY, int Hp);
